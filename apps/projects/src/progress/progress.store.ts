import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { Store } from '@lib/persistence';
import { ProgressFinding } from './progress.schema';

/** A finding to raise and the event it raises. */
export interface RaisedFinding {
  finding: ProgressFinding;
  event: CloudEvent;
}

/** progress_findings: the findings raised, each with its event in its outbox (raised once per key). */
@Injectable()
export class ProgressStore {
  private readonly findings: Store<ProgressFinding>;

  constructor(@InjectModel(ProgressFinding.name) model: Model<ProgressFinding>, relay: OutboxRelay) {
    this.findings = Store.of(model, { relay });
  }

  /** The keys among these that were raised already (one point lookup each). */
  async known(keys: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (const key of keys)
      if (await this.findings.findOne({ _id: key }, { projection: { _id: 1 } })) known.add(key);
    return known;
  }

  /** Inserts the findings with their events in one statement; how many were new (a duplicate: raised meanwhile elsewhere). */
  async raise(fresh: RaisedFinding[]): Promise<number> {
    if (fresh.length === 0) return 0;
    const events = new Map(fresh.map((f) => [f.finding._id, [f.event]]));
    const { duplicates } = await this.findings.insertManyNew(
      fresh.map((f) => f.finding),
      (d) => events.get(d._id) ?? [],
    );
    return fresh.length - duplicates.length;
  }
}
