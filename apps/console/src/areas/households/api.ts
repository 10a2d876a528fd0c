import { del, get, patch, post, put, type Query } from '@/api/client';

/** What the households, monitoring and rules APIs answer about a household (the fields the console reads). */
export interface Member {
  memberId: string;
  name: string;
  relation: string;
  sex: string;
  birthDate: string;
  labourSkill?: string;
  idNumber: string | null;
  phone: string | null;
  health: string | null;
  ethnicity?: string;
  education?: string;
  schoolStatus?: string;
  minimumLivingAllowance?: boolean;
  extremeHardshipSupport?: boolean;
}

export interface PairedCadre {
  userId: string;
  name: string;
  orgUnit: string;
}

/** 注销: why, when, into which household (合户), by whom. */
export interface HouseholdClosure {
  reason: string;
  on: string;
  mergedInto?: string;
  note?: string;
  by: string;
  at: string;
}

export interface Household {
  id: string;
  householdNumber: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  householdType: string;
  monitoringCategory: string | null;
  groupName?: string;
  riskTypes?: string[];
  contactPhone?: string;
  collector?: string;
  income?: Partial<Record<'perCapitaNet' | 'wage' | 'business' | 'property' | 'transfer', number>>;
  medicalOutOfPocket?: number;
  housing?: { area?: number; dilapidated?: boolean; grade?: string };
  safeDrinkingWater?: boolean;
  wholeHouseholdNoLabour?: boolean;
  pairedCadres?: PairedCadre[];
  lifecycleState?: string;
  /** 户状态: active 在册, closed 已注销 (with the closure) */
  status?: string;
  closure?: HouseholdClosure;
  members: Member[];
  version?: number;
  createdAt?: string;
  updatedAt?: string;
}

/** A row of the household list (GET /api/v1/households?view=summary): what the list shows, no members. */
export type HouseholdSummary = Pick<
  Household,
  | 'id'
  | 'householdNumber'
  | 'countyCode'
  | 'townCode'
  | 'villageCode'
  | 'householdType'
  | 'monitoringCategory'
  | 'riskTypes'
  | 'lifecycleState'
  | 'status'
  | 'createdAt'
  | 'updatedAt'
> & {
  pairedCadres?: Pick<PairedCadre, 'userId' | 'name'>[];
  /** 户主's name ('' when none) and the number of members */
  head: string;
  size: number;
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface IncomeMonth {
  month: string;
  perCapitaNetIncome: number;
  netIncome: number;
}

export interface MonitoredHousehold {
  id: string;
  currentIncome: {
    month: string;
    perCapitaNetIncome: number;
    netIncome: number;
    residentMembers: number;
  } | null;
  incomeHistory: IncomeMonth[];
}

export interface Survey {
  id: string;
  month: string;
  visitedAt: string;
  visitor: string;
  residentMembers: number;
  netIncome: number;
  perCapitaNetIncome: number;
  revision: number;
  hasMissingIncomeComponents: boolean;
}

export interface Alert {
  id: string;
  ruleId: string;
  severity: string;
  title: string;
  message: string;
  status: string;
  period: string;
  raisedAt: string;
}

export interface Measure {
  measureId: string;
  type: string;
  content: string;
  responsible: { userId?: string; name: string };
  startOn: string;
  dueOn: string;
  status: string;
  completedOn?: string;
  result?: string;
}

export interface CareVisit {
  visitId: string;
  visitedOn: string;
  notes?: string;
}

/** A household's person on the 关爱服务名册 (pairingId: the roster entry's id). */
export interface CarePairing {
  pairingId: string;
  memberId: string;
  group: string;
  carer: { userId?: string; name: string };
  since: string;
  visits: CareVisit[];
  lastVisitedOn: string | null;
}

export interface Relocation {
  relocationId: string;
  mode: string;
  site: string;
  movedOn: string;
  notes?: string;
}

export interface LifecycleStep {
  seq: number;
  action: string;
  from: string | null;
  /** null: a rejection sent the household back to not monitored */
  to: string | null;
  on: string;
  by: string;
  at: string;
  decision?: 'approve' | 'reject';
  reason?: string;
  note?: string;
  cycle?: number;
  details?: { note?: string; channel?: string; method?: string };
}

export interface PersonalData {
  idNumber: string | null;
  phone: string | null;
  health: string | null;
  disabilityLevel: number | null;
}

export interface RowProblem {
  sheet: string;
  row: number;
  column?: string;
  reason: string;
}

export interface ImportReport {
  /** columns of the file the ledger does not know: reported, their values not imported */
  unknownColumns?: Array<{ sheet: string; column: string; header: string }>;
  households: { total: number; imported: number; rejected: number };
  members: { total: number; imported: number; rejected: number };
  rows: Array<{
    sheet: string;
    row: number;
    villageCode: string;
    householdNumber: string;
    status: string;
    householdId?: string;
    problems: RowProblem[];
  }>;
}

const H = '/api/v1/households';

export const householdsApi = {
  list: (query: Query) => get<Page<Household>>(H, query),
  summaries: (query: Query) => get<Page<HouseholdSummary>>(H, { ...query, view: 'summary' }),
  one: (id: string) => get<Household>(`${H}/${id}`),
  create: (body: unknown) => post<Household>(H, body),
  update: (id: string, body: unknown) => patch<Household>(`${H}/${id}`, body),
  addMember: (id: string, body: unknown) => post<Household>(`${H}/${id}/members`, body),
  changeMember: (id: string, memberId: string, body: unknown) =>
    patch<Household>(`${H}/${id}/members/${memberId}`, body),
  removeMember: (id: string, memberId: string, reason: string) =>
    del<Household>(`${H}/${id}/members/${memberId}?reason=${encodeURIComponent(reason)}`),
  personalData: (id: string, memberId: string, reason: string) =>
    get<PersonalData>(`${H}/${id}/members/${memberId}/personal-data`, { reason }),
  lifecycle: (id: string) =>
    get<{ lifecycle: { state: string } | null; history: LifecycleStep[] }>(
      `${H}/${id}/lifecycle-transitions`,
    ),
  plan: (id: string) => get<{ measures: Measure[] }>(`${H}/${id}/plan`),
  addMeasure: (id: string, body: unknown) => post(`${H}/${id}/plan/measures`, body),
  completeMeasure: (id: string, measureId: string, body: unknown) =>
    post(`${H}/${id}/plan/measures/${measureId}/completion`, body),
  carePairings: (id: string) => get<{ pairings: CarePairing[] }>(`${H}/${id}/care-pairings`),
  relocations: (id: string) => get<{ relocations: Relocation[] }>(`${H}/${id}/relocations`),
  pairCadres: (id: string, cadres: PairedCadre[]) => put<Household>(`${H}/${id}/paired-cadres`, { cadres }),
  monitored: (id: string) => get<MonitoredHousehold>(`/api/v1/monitored-households/${id}`),
  surveys: (id: string) => get<Page<Survey>>('/api/v1/surveys', { householdId: id, pageSize: 24 }),
  alerts: (id: string) => get<Page<Alert>>('/api/v1/alerts', { subjectId: id, pageSize: 50 }),
};

export const LEDGER = '/api/v1/household-ledger';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
