import { get, post, put, type Query } from '@/api/client';

/** A person on the care roster as GET /api/v1/care-roster answers (households app). */
export interface RosterRow extends Record<string, unknown> {
  rosterId: string;
  householdId: string;
  householdNumber: string | null;
  memberId: string;
  name: string | null;
  sex: string | null;
  birthDate: string | null;
  idNumber: string | null;
  townCode: string;
  villageCode: string;
  group: string;
  carer: { userId?: string; name: string };
  since: string;
  lastVisitedOn: string | null;
  frequencyDays: number;
  dueOn: string;
  overdue: boolean;
  daysOverdue: number;
}

export interface RosterPage {
  day: string;
  items: RosterRow[];
  total: number;
  overdue: number;
}

export interface CountyFrequencies {
  countyCode: string;
  frequencies: Record<string, number>;
  custom: Record<string, number>;
  defaults: Record<string, number>;
}

export interface VisitBody {
  visitedOn: string;
  note?: string;
  location?: { latitude: number; longitude: number };
}

export const careApi = {
  list: (q: Query) => get<RosterPage>('/api/v1/care-roster', q),
  visit: (rosterId: string, body: VisitBody) => post(`/api/v1/care-roster/${rosterId}/visits`, body),
  frequencies: (countyCode?: string) =>
    get<CountyFrequencies>('/api/v1/care-roster/frequencies', countyCode ? { countyCode } : {}),
  setFrequencies: (countyCode: string, frequencies: Record<string, number>) =>
    put<CountyFrequencies>('/api/v1/care-roster/frequencies', { countyCode, frequencies }),
};

export interface AddBody {
  householdId: string;
  memberId: string;
  group: string;
  carer: { userId?: string; name: string };
  since: string;
}
export const addToRoster = (body: AddBody) => post<RosterRow>('/api/v1/care-roster', body);
