import { ConflictException } from '@nestjs/common';
import type { Filter, UpdateFilter } from 'mongodb';
import type { HouseholdClosedV1 } from '@lib/contracts';
import { labelOf } from '@lib/contracts/labels';
import { Store } from './store';

/** What an app's read model of the registry keeps of a 注销 (household.closed.v1). */
export interface HouseholdClosure {
  closedOn?: string;
  closureReason?: string;
}

type ClosableHousehold = { _id: string } & HouseholdClosure;

/**
 * 注销 in an app's read model of the registry (monitoring's and projects' known households): the
 * household is marked closed once — the first closure's day and reason are kept, a redelivery changes
 * nothing — and work for it is refused from then on with one answer (`refuseIfClosed`).
 */
export class ClosedHouseholds<T extends ClosableHousehold> {
  constructor(private readonly households: Store<T>) {}

  /** Marks the household closed; true when this delivery closed it (false: closed before, or unknown). */
  async mark(e: HouseholdClosedV1): Promise<boolean> {
    const d = e.data;
    const open = { _id: d.householdId, closedOn: { $exists: false } } as Filter<T>;
    const close = { $set: { closedOn: d.on, closureReason: d.reason } } as UpdateFilter<T>;
    const r = await this.households.updateOne(open, close);
    return r.modifiedCount > 0;
  }

  /** Whether the household is known and closed. */
  isClosed(householdId: string): Promise<boolean> {
    return this.households.exists({ _id: householdId, closedOn: { $exists: true } } as Filter<T>);
  }
}

/**
 * Refuses new work for a closed household: 409 on `field`, saying since when (and, with `withReason`,
 * why) and what is no longer done — e.g. 该户已于 2026-05-01 注销（死亡），不再走访.
 */
export function refuseIfClosed(
  household: HouseholdClosure,
  field: string,
  refused: string,
  options: { withReason?: boolean } = {},
): void {
  if (!household.closedOn) return;
  const why = options.withReason ? `（${labelOf('householdClosureReason', household.closureReason)}）` : '';
  const reason = `该户已于 ${household.closedOn} 注销${why}，${refused} (the household is closed)`;
  throw new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: reason,
    problems: [{ field, reason }],
  });
}
