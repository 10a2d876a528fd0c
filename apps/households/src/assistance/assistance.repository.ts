import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Collection, Connection } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OUTBOX, OUTBOX_PENDING, OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { serially } from '../households/serially';

const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;
const hidden = { projection: { [OUTBOX]: 0, [OUTBOX_PENDING]: 0 } };

export type Kind =
  'plan_measures' | 'plan_measure_completions' | 'care_pairings' | 'care_visits' | 'relocations';
const KINDS: Kind[] = [
  'plan_measures',
  'plan_measure_completions',
  'care_pairings',
  'care_visits',
  'relocations',
];

/**
 * 一户一策, 关爱服务, 搬迁: insert-only records keyed by household, each with its events in the same write
 * (no document is updated, so nothing races the outbox relay on FerretDB). A completion is its own record
 * whose _id is the measure's: completing twice is a duplicate key. Callers check the household's scope.
 */
@Injectable()
export class AssistanceRepository implements OnModuleInit {
  private readonly collections = new Map<Kind, Collection>();

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit() {
    for (const k of KINDS) {
      const c = this.connection.collection(k) as unknown as Collection;
      await serially(async () => {
        await c.createIndex({ householdId: 1 });
        await c.createIndex({ [OUTBOX_PENDING]: 1 });
      });
      this.relay.register(c as unknown as Parameters<OutboxRelay['register']>[0]);
      this.collections.set(k, c);
    }
  }

  /** false when a record with this _id exists already. */
  async insert(kind: Kind, doc: { _id: string } & Record<string, unknown>, events: CloudEvent[] = []) {
    try {
      await this.collections
        .get(kind)!
        .insertOne({ ...doc, ...(events.length ? outboxOnInsert(events) : {}) } as never);
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
    if (events.length) this.relay.kick();
    return true;
  }

  ofHousehold<T>(kind: Kind, householdId: string): Promise<T[]> {
    return this.collections
      .get(kind)!
      .find({ householdId }, hidden)
      .sort({ at: 1 })
      .toArray() as unknown as Promise<T[]>;
  }

  one<T>(kind: Kind, _id: string): Promise<T | null> {
    return this.collections.get(kind)!.findOne({ _id } as never, hidden) as unknown as Promise<T | null>;
  }
}
