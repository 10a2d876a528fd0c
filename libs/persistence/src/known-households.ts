import type { Connection, Model } from 'mongoose';
import type { Filter } from 'mongodb';
import { Scope, withinScope } from '@lib/auth';
import { Topics } from '@lib/contracts';
import { ClosedHouseholds } from './closed-households';
import type { KeyedFold } from './replay/keyed-fold';
import type { ReadModelUser } from './replay/read-model-follower';
import {
  AppReplayOptions,
  keyedBuilder,
  ReadModelReplayResult,
  replayReadModel,
} from './replay/replay-read-model';
import { Store } from './store';

/** An app's copy of the registry (monitoring's, projects'): one document per household, `known_households`. */
type KnownHouseholdDocument = { _id: string; villageCode: string; closedOn?: string; closureReason?: string };

/** The pointer document of an app's household directory (`read_models`). */
export const HOUSEHOLD_DIRECTORY_READ_MODEL = 'household-directory';

/**
 * The base of an app's household directory (its copy of the registry, fed by households.events.v1):
 * every read and write goes to the collection in use — `known_households` until a replay rebuilt it
 * into another (`npm run replay -- <app> household-directory`; the app's follower calls useCollection).
 */
export abstract class KnownHouseholds<T extends KnownHouseholdDocument> implements ReadModelUser {
  /** The collection in use (the model's own, or the one a replay rebuilt). */
  protected households: Store<T>;
  protected closures: ClosedHouseholds<T>;

  protected constructor(
    model: Model<T>,
    private readonly connection: Connection,
  ) {
    this.households = Store.of(model);
    this.closures = new ClosedHouseholds(this.households);
  }

  get collectionName(): string {
    return this.households.collectionName;
  }

  /** Reads and writes `name` from now on (a replayed directory switched over). */
  useCollection(name: string): void {
    if (name === this.households.collectionName) return;
    this.households = Store.named<T>(this.connection, name);
    this.closures = new ClosedHouseholds(this.households);
  }

  /** The household if it is known and lies in the scope (one lookup by _id in the collection in use). */
  findById(scope: Scope, id: string): Promise<T | null> {
    return this.households.findOne(withinScope(scope, { _id: id }) as Filter<T>) as Promise<T | null>;
  }
}

export interface HouseholdDirectoryReplayResult extends ReadModelReplayResult {
  households: number;
}

/**
 * Rebuilds an app's household directory from households.events.v1 while the app keeps serving and
 * consuming (replayReadModel): the app's fold in memory, written to the shadow `known_households_r<time>`.
 */
export async function replayKnownHouseholds<T extends KnownHouseholdDocument>(
  o: AppReplayOptions,
  fold: KeyedFold<T>,
): Promise<HouseholdDirectoryReplayResult> {
  const result = await replayReadModel<T>(
    {
      ...o,
      topics: [`${o.topicPrefix}${Topics.households}`],
      readModel: HOUSEHOLD_DIRECTORY_READ_MODEL,
      collection: 'known_households',
    },
    keyedBuilder(fold, async (shadow) => {
      await shadow.createIndex({ villageCode: 1 }); // the schemas' index
    }),
  );
  return { ...result, households: fold.documents.size };
}
