import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { ScopedRepository } from '@lib/persistence';
import { DepartmentFact } from './department-fact.schema';
import { ListDepartmentFactsQuery } from './department-facts.dto';
import type { FactMatch } from './domain/fact-events';

/** API view: the keyed hash stays inside (it is a lookup key for personal data); the masked number shows. */
function present(doc: DepartmentFact) {
  const { _id, idNumberHash: _hash, ...rest } = doc;
  return { id: _id, ...rest };
}

/**
 * 部门筛查预警's persistence: the facts (stored once per department and source record, each matched
 * one with its department-fact.received.v1 in its outbox); the member-hash index is member-index.store.ts.
 */
@Injectable()
export class DepartmentFactsStore extends ScopedRepository<DepartmentFact> {
  constructor(@InjectModel(DepartmentFact.name) model: Model<DepartmentFact>, relay: OutboxRelay) {
    super(model, { relay });
  }

  /** Inserts the batch, each fact with its events; the indexes of those stored before (duplicates). */
  async insertFacts(
    docs: DepartmentFact[],
    eventsOf: (doc: DepartmentFact) => CloudEvent[],
  ): Promise<Set<number>> {
    const outcome = await this.store.insertManyNew(docs, eventsOf);
    return new Set(outcome.duplicates);
  }

  /** Unmatched facts of a county about a member (by hash) or naming a household. */
  unmatched(query: { idNumberHash: string } | { requestedHouseholdId: string }, countyCode: string) {
    return this.model
      .find({ ...query, status: 'unmatched', countyCode })
      .lean<DepartmentFact[]>()
      .exec();
  }

  /** Matches a fact still unmatched, its event with the write (a fact matched meanwhile: nothing). */
  async markMatched(factId: string, match: FactMatch, at: Date, events: CloudEvent[]): Promise<void> {
    await this.store.updateOne(
      { _id: factId, status: 'unmatched' },
      {
        $set: {
          status: 'matched',
          householdId: match.householdId,
          memberId: match.memberId,
          townCode: match.townCode,
          villageCode: match.villageCode,
          matchedAt: at,
        },
      },
      { events },
    );
  }

  /** One page of the facts with a status, newest first, within the scope. */
  async listWith(scope: Scope, q: ListDepartmentFactsQuery & { status: string }) {
    const { page, pageSize, ...filter } = q;
    const result = await this.page(scope, filter, { receivedAt: -1, _id: 1 }, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
