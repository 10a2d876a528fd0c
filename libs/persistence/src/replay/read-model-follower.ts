import { randomUUID } from 'node:crypto';
import { FactoryProvider, InjectionToken, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { closeConsumptionGate, openConsumptionGate } from '@lib/messaging';
import { Store } from '../store';
import { READ_MODELS_COLLECTION, ReadModelPointer } from './read-model-pointer';

const POLL_MS = 200;
/** A fence nobody lifts (the replay died) is given up after this long. */
const FENCE_GIVE_UP_MS = 60_000;

/** What an app does with a read model's collection: use it (at start, and when a replay switches over). */
export interface ReadModelUser {
  /** The collection read and written now (the read model's own one until a replay switched it). */
  readonly collectionName: string;
  /** Reads and writes `name` from now on; `switched` when a replay has just switched over to it. */
  useCollection(name: string, switched: boolean): Promise<void> | void;
}

/**
 * Follows one read model's pointer (read-model-pointer.ts) in a live app: at start, the collection
 * to use; while a replay switches over, stops taking batches (the consumption gate of
 * libs/messaging) and acknowledges once none is in flight; when the pointer names the rebuilt
 * collection, hands it to the read model, says so, and takes batches again. The API keeps answering
 * throughout.
 * An app's provider extends it (an @Injectable naming the read model and its user): it starts once
 * `ready` resolves (e.g. the app's collections set up) and stops with the module.
 */
export class ReadModelFollower implements OnModuleInit, OnModuleDestroy {
  private readonly logger: Logger;
  readonly instanceId = randomUUID();
  private readonly pointers: Store<ReadModelPointer>;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  /** The fence this instance has stopped for, and since when. */
  private stoppedFor: { id: string; at: number } | null = null;

  constructor(
    connection: Connection,
    /** The pointer's id, e.g. `subjects`. */
    private readonly readModel: string,
    private readonly user: ReadModelUser,
    private readonly ready: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.pointers = Store.named<ReadModelPointer>(connection, READ_MODELS_COLLECTION);
    this.logger = new Logger(`ReadModelFollower(${readModel})`);
  }

  /** Chooses the collection in use, then follows the pointer. */
  async onModuleInit(): Promise<void> {
    await this.ready();
    const p = await this.pointers.findOne({ _id: this.readModel });
    await this.user.useCollection(p?.collection ?? this.user.collectionName, false);
    if (p?.collection) this.logger.log(`${this.readModel} 读模型使用 ${p.collection}`);
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.stoppedFor) openConsumptionGate();
  }

  private async poll() {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.follow();
    } catch (e) {
      this.logger.warn(`读模型指针读取失败 (read-model pointer not read): ${(e as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  private async follow() {
    const p = await this.pointers.findOne({ _id: this.readModel });
    if (!p) return;
    if (p.collection !== this.user.collectionName) {
      await this.user.useCollection(p.collection, true);
      // the replay waits for this before it reports the switch done
      await this.pointers.updateOne(
        { _id: this.readModel },
        { $set: { [`switched.${this.instanceId}`]: p.collection } },
      );
      this.logger.log(`${this.readModel} 读模型已切换到 ${p.collection}（重放）`);
    }
    const fence = p.fence;
    if (fence && this.stoppedFor?.id !== fence.id) {
      this.stoppedFor = { id: fence.id, at: Date.now() };
      await closeConsumptionGate();
      await this.pointers.updateOne(
        { _id: this.readModel },
        { $set: { [`acks.${this.instanceId}`]: fence.id } },
      );
      this.logger.log(`为切换到 ${fence.target} 暂停消费 (stopped taking batches)`);
      return;
    }
    const gaveUp = this.stoppedFor && Date.now() - this.stoppedFor.at > FENCE_GIVE_UP_MS;
    if (this.stoppedFor && (!fence || gaveUp)) {
      if (gaveUp)
        this.logger.warn(`切换栅栏 ${this.stoppedFor.id} 超时未解除，恢复消费 (fence not lifted in time)`);
      this.stoppedFor = gaveUp ? this.stoppedFor : null;
      openConsumptionGate();
    }
  }
}

/**
 * A provider that follows `readModel` for the provider `user` (a ReadModelUser), starting once the
 * provider `ready` (e.g. the app's CollectionsSetup) is ready: a module lists it among its providers.
 */
export function readModelFollowerProvider(
  readModel: string,
  user: InjectionToken,
  ready: InjectionToken,
): FactoryProvider<ReadModelFollower> {
  return {
    provide: `ReadModelFollower:${readModel}`,
    useFactory: (connection: Connection, u: ReadModelUser, r: { ready(): Promise<void> }) =>
      new ReadModelFollower(connection, readModel, u, () => r.ready()),
    inject: [getConnectionToken(), user, ready],
  };
}
