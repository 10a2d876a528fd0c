import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OUTBOX_PENDING, OutboxRelay } from '@lib/messaging';
import { Store, WITHOUT_OUTBOX } from '@lib/persistence';
import { serially } from '../serially';

const hidden = { projection: WITHOUT_OUTBOX };

/** A record of any kind: keyed by its own id, filed under its household. */
type AssistanceRecord = { _id: string; householdId?: string } & Record<string, unknown>;

/** (关爱结对 and their visits are the care roster's: care-roster/care-pairings.migration.ts moved the old ones.) */
export type Kind = 'plan_measures' | 'plan_measure_completions' | 'relocations';
const KINDS: Kind[] = ['plan_measures', 'plan_measure_completions', 'relocations'];

/**
 * 一户一策, 搬迁: insert-only records keyed by household, each with its events in the same write
 * (no document is updated, so nothing races the outbox relay on FerretDB). A completion is its own record
 * whose _id is the measure's: completing twice is a duplicate key. Callers check the household's scope.
 */
@Injectable()
export class AssistanceStore implements OnModuleInit {
  private readonly stores = new Map<Kind, Store<AssistanceRecord>>();

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit() {
    for (const k of KINDS) {
      const c = Store.named<AssistanceRecord>(this.connection, k);
      await serially(async () => {
        await c.createIndex({ householdId: 1 });
        await c.createIndex({ [OUTBOX_PENDING]: 1 });
      });
      this.stores.set(k, Store.named<AssistanceRecord>(this.connection, k, { relay: this.relay }));
    }
  }

  /** false when a record with this _id exists already. */
  insert(kind: Kind, doc: AssistanceRecord, events: CloudEvent[] = []): Promise<boolean> {
    return this.stores.get(kind)!.insertNew(doc, events);
  }

  ofHousehold<T>(kind: Kind, householdId: string): Promise<T[]> {
    return this.stores
      .get(kind)!
      .find({ householdId }, hidden)
      .sort({ at: 1 })
      .toArray() as unknown as Promise<T[]>;
  }

  one<T>(kind: Kind, _id: string): Promise<T | null> {
    return this.stores.get(kind)!.findOne({ _id }, hidden) as unknown as Promise<T | null>;
  }
}
