import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope, withinScope } from '@lib/auth';
import { CloudEvent, ResidentRequestRating } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { ScopedRepository } from '@lib/persistence';
import { ResidentRequest } from './resident-request.schema';

export interface RequestListFilter {
  status?: string;
  category?: string;
  villageCode?: string;
  townCode?: string;
  assigneeUserId?: string;
  open?: boolean;
}

/** The resident_requests collection: scoped reads, and writes that carry their events (outbox). */
@Injectable()
export class ResidentRequestsStore extends ScopedRepository<ResidentRequest> {
  constructor(@InjectModel(ResidentRequest.name) model: Model<ResidentRequest>, relay: OutboxRelay) {
    super(model, { relay });
  }

  insert(doc: ResidentRequest, events: CloudEvent[]): Promise<void> {
    return this.store.insert(doc, events);
  }

  list(scope: Scope, filter: RequestListFilter, page: number, pageSize: number) {
    return this.page(scope, { ...filter }, { receivedAt: -1, _id: 1 }, page, pageSize);
  }

  /**
   * Replaces the request's changing fields if nobody changed it since it was read (`updatedAt`),
   * with the events in the same write; false when it changed meanwhile (the caller re-reads).
   */
  async replace(before: ResidentRequest, after: ResidentRequest, events: CloudEvent[]): Promise<boolean> {
    const { _id, ...fields } = after;
    const r = await this.store.updateOne({ _id, updatedAt: before.updatedAt }, { $set: fields }, { events });
    return r.modifiedCount === 1;
  }

  /** Open requests whose warning time has come (the deadline check), as the service. */
  dueForNotice(now: Date): Promise<ResidentRequest[]> {
    return this.model
      .find({ open: true, warnAt: { $lte: now } })
      .lean<ResidentRequest[]>()
      .exec();
  }

  /**
   * Records a deadline notice of a round with its event, once: the filter only matches while that
   * stage was not yet noticed for the round (a second instance or a re-run writes nothing).
   */
  async markNotice(
    id: string,
    round: number,
    stage: 'approaching' | 'overdue',
    event: CloudEvent,
  ): Promise<boolean> {
    const field = stage === 'approaching' ? 'warnedRound' : 'overdueRound';
    const r = await this.store.updateOne(
      { _id: id, round, open: true, [field]: { $lt: round } },
      { $set: { [field]: round } },
      { events: [event] },
    );
    return r.modifiedCount === 1;
  }

  /** How many requests one phone filed since `since` (the public form's daily limit). */
  countByPhoneSince(phoneHash: string, since: Date): Promise<number> {
    return this.model.countDocuments({ phoneHash, receivedAt: { $gte: since } }).exec();
  }

  /** Grouped counts for the statistics (one accumulator per $group: FerretDB 1.24). */
  async statisticsGroups(scope: Scope, match: Record<string, unknown>) {
    const base = withinScope(scope, match);
    // one $group per rating (FerretDB 1.24: one accumulator per $group, and $unwind drops the other fields)
    const ratingSum = (rating: string) =>
      this.model
        .aggregate<{ _id: string; n: number }>([
          { $match: { ...base, [`ratingCounts.${rating}`]: { $gt: 0 } } },
          { $group: { _id: '$villageCode', n: { $sum: `$ratingCounts.${rating}` } } },
        ])
        .exec()
        .then((rows) => rows.map((g) => ({ villageCode: g._id, rating, n: g.n })));
    const [byCategory, concluded, ...ratings] = await Promise.all([
      this.model
        .aggregate<{ _id: { v: string; c: string }; n: number }>([
          { $match: base },
          { $group: { _id: { v: '$villageCode', c: '$category' }, n: { $sum: 1 } } },
        ])
        .exec(),
      this.model
        .aggregate<{ _id: { v: string; late: boolean }; n: number }>([
          { $match: { ...base, everConcluded: true } },
          { $group: { _id: { v: '$villageCode', late: '$lateEver' }, n: { $sum: 1 } } },
        ])
        .exec(),
      ...ResidentRequestRating.options.map(ratingSum),
    ]);
    return {
      byCategory: byCategory.map((g) => ({ villageCode: g._id.v, category: g._id.c, n: g.n })),
      concluded: concluded.map((g) => ({ villageCode: g._id.v, late: g._id.late, n: g.n })),
      ratings: ratings.flat(),
    };
  }
}
