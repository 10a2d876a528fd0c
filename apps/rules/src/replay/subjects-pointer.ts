import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { closeConsumptionGate, openConsumptionGate } from '@lib/messaging';
import { Store } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { HeldSubjects } from '../evaluation/held-subjects';
import { SubjectsStore } from '../subjects/subjects.store';
import { READ_MODELS_COLLECTION, ReadModelPointer } from './read-model-pointer';

/** The subjects read model's pointer document. */
export const SUBJECTS_READ_MODEL = 'subjects';
const POLL_MS = 200;
/** A fence nobody lifts (the replay died) is given up after this long. */
const FENCE_GIVE_UP_MS = 60_000;

/**
 * Follows the subjects read model's pointer (replay/read-model-pointer.ts): at start, the collection
 * to use; while a replay switches over, stops taking batches (the consumption gate of
 * libs/messaging) and acknowledges once none is in flight; when the pointer names the rebuilt
 * collection, reads and writes it, loads the held subjects from it, and takes batches again.
 * The API keeps answering throughout.
 */
@Injectable()
export class SubjectsPointer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SubjectsPointer.name);
  readonly instanceId = randomUUID();
  private readonly pointers: Store<ReadModelPointer>;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  /** The fence this instance has stopped for, and since when. */
  private stoppedFor: { id: string; at: number } | null = null;

  constructor(
    @InjectConnection() connection: Connection,
    private readonly subjects: SubjectsStore,
    private readonly held: HeldSubjects,
    private readonly collections: CollectionsSetup,
  ) {
    this.pointers = Store.named<ReadModelPointer>(connection, READ_MODELS_COLLECTION);
  }

  async onModuleInit() {
    await this.collections.ready();
    const p = await this.pointers.findOne({ _id: SUBJECTS_READ_MODEL });
    this.subjects.useCollection(p?.collection ?? this.subjects.collectionName);
    if (p?.collection) this.logger.log(`subjects read model: ${p.collection}`);
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }

  onModuleDestroy() {
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
      this.logger.warn(`read-model pointer not read: ${(e as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  private async follow() {
    const p = await this.pointers.findOne({ _id: SUBJECTS_READ_MODEL });
    if (!p) return;
    if (p.collection !== this.subjects.collectionName) {
      this.subjects.useCollection(p.collection);
      await this.held.reload();
      this.logger.log(`subjects read model switched to ${p.collection} (replayed)`);
    }
    const fence = p.fence;
    if (fence && this.stoppedFor?.id !== fence.id) {
      this.stoppedFor = { id: fence.id, at: Date.now() };
      await closeConsumptionGate();
      await this.pointers.updateOne(
        { _id: SUBJECTS_READ_MODEL },
        { $set: { [`acks.${this.instanceId}`]: fence.id } },
      );
      this.logger.log(`stopped taking batches for the switch-over to ${fence.target}`);
      return;
    }
    const gaveUp = this.stoppedFor && Date.now() - this.stoppedFor.at > FENCE_GIVE_UP_MS;
    if (this.stoppedFor && (!fence || gaveUp)) {
      if (gaveUp) this.logger.warn(`fence ${this.stoppedFor.id} not lifted in time: taking batches again`);
      this.stoppedFor = gaveUp ? this.stoppedFor : null;
      openConsumptionGate();
    }
  }
}
