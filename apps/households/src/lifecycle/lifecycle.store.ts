import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { Store, WITHOUT_OUTBOX } from '@lib/persistence';
import { Lifecycle } from './domain/lifecycle';
import { serially } from '../serially';

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

const hidden = { projection: WITHOUT_OUTBOX };

/**
 * The lifecycle history, one insert-only document per step with its events in the same write. Kept apart from
 * the household document because FerretDB loses concurrent updates of one document (the outbox relay's own).
 */
@Injectable()
export class LifecycleTransitionsStore implements OnModuleInit {
  private store!: Store<LifecycleTransition>;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit() {
    const transitions = Store.named<LifecycleTransition>(this.connection, 'lifecycle_transitions');
    await serially(() => transitions.createIndex({ householdId: 1, seq: 1 }));
    this.store = Store.named<LifecycleTransition>(this.connection, 'lifecycle_transitions', {
      relay: this.relay,
    });
  }

  /** Callers have checked the household is in their scope. */
  async latest(householdId: string): Promise<LifecycleTransition | null> {
    const [last] = await this.store.find({ householdId }, hidden).sort({ seq: -1 }).limit(1).toArray();
    return (last as LifecycleTransition | undefined) ?? null;
  }

  async history(householdId: string): Promise<LifecycleTransition[]> {
    return (await this.store
      .find({ householdId }, hidden)
      .sort({ seq: 1 })
      .toArray()) as LifecycleTransition[];
  }

  /** false when another step took this sequence number first. */
  async append(transition: Omit<LifecycleTransition, '_id'>, events: CloudEvent[]): Promise<boolean> {
    return this.store.insertNew(
      { _id: `${transition.householdId}:${transition.seq}`, ...transition },
      events,
    );
  }
}
