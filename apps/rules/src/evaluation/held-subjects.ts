import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import {
  onPartitionAssignment,
  ownedInEveryTopic,
  PartitionAssignment,
  partitionOfKey,
} from '@lib/messaging';
import { Topics } from '@lib/contracts';
import { CollectionsSetup } from '@lib/service-kit';
import { Alert } from '../alerts/alert.schema';
import { AlertsRepository } from '../alerts/alerts.repository';
import { SubjectState } from '../subjects/domain/subject-state';
import { SubjectsStore } from '../subjects/subjects.store';

/** What evaluation needs of a subject: its current state (null: none yet) and its unresolved alerts. */
export interface Held {
  state: SubjectState | null;
  open: Alert[];
}

/**
 * The subjects of the partitions this instance owns, held in memory (issue #17): loaded when the
 * partitions are assigned (one pass over the subject versions and the unresolved alerts), dropped
 * when they are revoked. A subject of an owned partition that is not held has no state yet, so the
 * hot path reads nothing from the database.
 *
 * Held state may go stale only when something else writes the subject (another instance during a
 * rebalance, the daily pass, a person resolving an alert): every such writer adds a subject version
 * (SubjectsStore.touch), so the holder's next write is refused and it re-reads (evaluation/use-cases/evaluate-events.usecase.ts).
 */
@Injectable()
export class HeldSubjects implements OnModuleDestroy {
  private readonly logger = new Logger(HeldSubjects.name);
  private held = new Map<string, Held>();
  private owned = new Set<number>();
  private count = 0;
  private loading: Promise<void> = Promise.resolve();
  private epoch = 0;
  private unsubscribe: (() => void) | null = null;
  private assignment: Promise<PartitionAssignment> | null = null;
  /** Topics carrying a household's events keyed by it: partition p of each must be owned to hold p's subjects. */
  readonly topics: readonly string[] = [Topics.households, Topics.monitoring];

  constructor(
    private readonly subjects: SubjectsStore,
    private readonly alerts: AlertsRepository,
    private readonly collections: CollectionsSetup,
  ) {
    // at once, not on module init: the consumer may join (and take batches) before modules are initialised
    this.unsubscribe = onPartitionAssignment((a) => this.assign(a));
  }

  onModuleDestroy() {
    this.unsubscribe?.();
  }

  /** Nothing is held from the moment the group is rejoined until the new assignment is loaded. */
  private assign(next: Promise<PartitionAssignment>) {
    this.assignment = next;
    const epoch = ++this.epoch;
    this.owned = new Set();
    this.count = 0;
    this.held = new Map();
    this.loading = this.loading
      .then(() => next)
      .then((a) => this.load(a, epoch))
      .catch((e: Error) => {
        this.logger.warn(`subjects not held (read per batch instead): ${e.message}`);
        if (epoch === this.epoch) this.held = new Map();
      });
  }

  private async load(assignment: PartitionAssignment, epoch: number) {
    const { partitions, count } = ownedInEveryTopic(assignment, this.topics);
    if (epoch !== this.epoch) return;
    if (partitions.size === 0) {
      const assigned = [...assignment.topics].map(([t, a]) => `${t}: ${a.partitions.join(',')}/${a.count}`);
      this.logger.log(`no subjects held (assigned ${assigned.join('; ') || 'nothing'})`);
      return;
    }
    // not while collections are being created (FerretDB 1.24 may wedge under concurrent DDL and reads)
    await this.collections.ready();
    await this.subjects.collectionChosen;
    if (epoch !== this.epoch) return;
    const started = Date.now();
    const keep = (id: string) => partitions.has(partitionOfKey(id, count));
    const [states, open] = await Promise.all([
      this.subjects.loadWhere(keep),
      this.alerts.unresolvedWhere(keep),
    ]);
    if (epoch !== this.epoch) return;
    const held = new Map<string, Held>();
    for (const [id, state] of states) held.set(id, { state, open: open.get(id) ?? [] });
    for (const [id, alerts] of open) if (!held.has(id)) held.set(id, { state: null, open: alerts });
    this.held = held;
    this.count = count;
    this.owned = partitions;
    this.logger.log(
      `holding ${states.size} subjects of partitions ${[...partitions].join(',')} (loaded in ${Date.now() - started} ms)`,
    );
  }

  /**
   * Loads the owned subjects again (the read model was switched to a replayed collection); resolves
   * once they are held.
   */
  reload(): Promise<void> {
    if (this.assignment) this.assign(this.assignment);
    return this.loading;
  }

  /** Resolves once the current assignment is loaded. */
  ready(): Promise<void> {
    return this.loading;
  }

  /** Whether the subject belongs to a partition held here (then `get` is its truth, a miss a new subject). */
  holds(subjectId: string): boolean {
    return this.count > 0 && this.owned.has(partitionOfKey(subjectId, this.count));
  }

  get(subjectId: string): Held {
    return this.held.get(subjectId) ?? { state: null, open: [] };
  }

  /** Records what was just written (or re-read) for a held subject. */
  set(subjectId: string, value: Held): void {
    if (this.holds(subjectId)) this.held.set(subjectId, value);
  }

  /**
   * Something changed a subject's alerts outside its holder's evaluation: the holder (this instance
   * or another) re-reads the subject before its next write.
   */
  async changedElsewhere(subjectIds: string[]): Promise<void> {
    await this.subjects.touch(subjectIds);
  }
}
