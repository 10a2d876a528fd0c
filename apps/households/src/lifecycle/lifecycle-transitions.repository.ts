import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Collection, Connection } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OUTBOX, OUTBOX_PENDING, OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { Lifecycle } from './lifecycle';
import { serially } from '../households/serially';

export interface LifecycleTransition {
  _id: string; // `${householdId}:${seq}`: two concurrent steps from one state cannot both land
  householdId: string;
  seq: number;
  action: string;
  from: string | null;
  /** null after a rejection that returned the household to "not monitored" */
  to: string | null;
  on: string;
  by: string;
  at: Date;
  details: Record<string, unknown>;
  /** the lifecycle after this step (null: not monitored): the latest transition is the household's current state */
  lifecycle: Lifecycle | null;
}

const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;
const hidden = { projection: { [OUTBOX]: 0, [OUTBOX_PENDING]: 0 } };

/**
 * The lifecycle history, one insert-only document per step with its events in the same write. Kept apart from
 * the household document because FerretDB loses concurrent updates of one document (the outbox relay's own).
 */
@Injectable()
export class LifecycleTransitionsRepository implements OnModuleInit {
  private collection!: Collection<LifecycleTransition>;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit() {
    this.collection = this.connection.collection<LifecycleTransition>('lifecycle_transitions');
    await serially(() => this.collection.createIndex({ householdId: 1, seq: 1 }));
    this.relay.register(this.collection as unknown as Parameters<OutboxRelay['register']>[0]);
  }

  /** Callers have checked the household is in their scope. */
  async latest(householdId: string): Promise<LifecycleTransition | null> {
    const [last] = await this.collection.find({ householdId }, hidden).sort({ seq: -1 }).limit(1).toArray();
    return (last as LifecycleTransition | undefined) ?? null;
  }

  async history(householdId: string): Promise<LifecycleTransition[]> {
    return (await this.collection
      .find({ householdId }, hidden)
      .sort({ seq: 1 })
      .toArray()) as LifecycleTransition[];
  }

  /** false when another step took this sequence number first. */
  async append(transition: Omit<LifecycleTransition, '_id'>, events: CloudEvent[]): Promise<boolean> {
    try {
      await this.collection.insertOne({
        _id: `${transition.householdId}:${transition.seq}`,
        ...transition,
        ...outboxOnInsert(events),
      } as LifecycleTransition);
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
    this.relay.kick();
    return true;
  }
}
