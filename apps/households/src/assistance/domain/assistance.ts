/** 一户一策 and 关爱服务 records of a household: pure rules (no framework, no I/O). */
import { createEvent } from '@lib/contracts';

/** Today (UTC), YYYY-MM-DD: what a plan's dates and a visit's day are judged against. */
export const today = (at = new Date()) => at.toISOString().slice(0, 10);

/** What the records need of their household. */
export interface AssistedHousehold {
  _id: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  status?: string;
  closure?: { on: string };
}

export type MeasureStatus = 'planned' | 'in_progress' | 'overdue' | 'completed';

/** A measure's status on `day`: completed once recorded, overdue after its due day, in progress from its start. */
export function measureStatus(
  m: { startOn: string; dueOn: string },
  completed: boolean,
  day: string,
): MeasureStatus {
  if (completed) return 'completed';
  if (m.dueOn < day) return 'overdue';
  return m.startOn <= day ? 'in_progress' : 'planned';
}

/** Why nothing more may be recorded on the household (注销: read-only), or null. */
export function closedReason(h: Pick<AssistedHousehold, 'status' | 'closure'>): string | null {
  return h.status === 'closed'
    ? `该户已于 ${h.closure?.on ?? ''} 注销，不能再记录帮扶 (the household is closed)`
    : null;
}

/** The org units a record is filed under (its household's). */
export const orgOf = (h: AssistedHousehold) => ({
  countyCode: h.countyCode,
  townCode: h.townCode,
  villageCode: h.villageCode,
});

/** A household event of an assistance record (its household, town and village, and when). */
export function assistanceEvent(type: string, h: AssistedHousehold, data: Record<string, unknown>, at: Date) {
  return createEvent({
    type,
    source: 'households',
    subject: h._id,
    townId: h.townCode,
    villageId: h.villageCode,
    time: at,
    data: {
      householdId: h._id,
      townCode: h.townCode,
      villageCode: h.villageCode,
      ...data,
      at: at.toISOString(),
    },
  });
}
