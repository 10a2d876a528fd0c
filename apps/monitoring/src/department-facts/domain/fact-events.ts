import { createEvent, DepartmentFactReceivedV1 } from '@lib/contracts';
import type { DepartmentFact } from '../department-fact.schema';

export type FactOutcome = 'matched' | 'unmatched' | 'duplicate';

/** The household (and member, when known) a fact is about. */
export interface FactMatch {
  householdId: string;
  memberId: string | null;
  townCode: string;
  villageCode: string;
}

/** department-fact.received.v1 of a matched fact (its id: the fact's). */
export function receivedEvent(f: DepartmentFact, m: FactMatch) {
  return createEvent({
    type: DepartmentFactReceivedV1.type,
    source: 'monitoring',
    subject: m.householdId,
    id: f.factId,
    townId: m.townCode,
    villageId: m.villageCode,
    data: {
      factId: f.factId,
      department: f.department as DepartmentFactReceivedV1['data']['department'],
      kind: f.kind as DepartmentFactReceivedV1['data']['kind'],
      householdId: m.householdId,
      memberId: m.memberId,
      townCode: m.townCode,
      villageCode: m.villageCode,
      amount: f.amount,
      occurredOn: f.occurredOn,
      period: f.period,
      detail: f.detail,
      receivedAt: f.receivedAt.toISOString(),
    },
  });
}
