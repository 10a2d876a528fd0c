import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { FundEntryApprovedV1 } from '@lib/contracts';
import { decisionConflict, Decision, decisionSet } from '../../decisions';
import { orgOf, teamEvent } from '../../member-event';
import { FundEntry } from '../fund-entry.schema';
import { FundsStore } from '../funds.store';

/** The town approves or rejects a pending spending, once; an approved one is announced with the decision. */
@Injectable()
export class DecideFundEntry {
  constructor(private readonly funds: FundsStore) {}

  async execute(scope: Scope, id: string, body: Decision): Promise<FundEntry> {
    const pending = await this.funds.findById(scope, id);
    if (!pending || pending.status !== 'pending') throw decisionConflict(id, pending);
    const set = decisionSet(body);
    // an approved spending counts from now: announced (fund-entry.approved.v1) with the decision
    const events = body.approve
      ? [
          teamEvent(
            FundEntryApprovedV1.type,
            `fund-entry-approved:${id}`,
            orgOf({ ...pending, _id: pending.teamId }),
            {
              fundEntryId: id,
              spentOn: pending.spentOn,
              amountFen: pending.amountFen,
              category: pending.category,
              decidedBy: set.decidedBy,
              decidedAt: set.decidedAt.toISOString(),
            },
          ),
        ]
      : [];
    const decided = await this.funds.decide(scope, id, set, events);
    if (!decided) throw decisionConflict(id, await this.funds.findById(scope, id));
    return decided;
  }
}
