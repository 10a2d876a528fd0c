import { Controller, Global, Injectable, InjectionToken, Module } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { InjectConnection, InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { PAIRED_HOUSEHOLDS, PairedHouseholds } from '@lib/auth';
import { HouseholdPairingChangedV1, Topics } from '@lib/contracts';
import { isDuplicateKeyError } from './duplicate-key';
import { PairingDocument, pairingOf, PairingsFold } from './replay/pairings-fold';
import { readModelFollowerProvider, ReadModelUser } from './replay/read-model-follower';
import {
  AppReplayOptions,
  keyedBuilder,
  ReadModelReplayResult,
  replayReadModel,
} from './replay/replay-read-model';
import { Store } from './store';

/** The pairings read model's pointer document (`read_models`, replay). */
export const PAIRINGS_READ_MODEL = 'pairings';

/**
 * An app's read model of the pairings (帮扶责任人 per household), from household.pairing-changed.v1
 * (which carries the full current list): one document per household, the newest version wins.
 * It is what limits a paired cadre to their households in apps other than households: the token
 * only says in which units the caller is 帮扶责任人, not which households (those change without a new
 * sign-in), so each app asks its read model on every request.
 */
@Schema({ collection: 'paired_households', versionKey: false })
export class PairedHousehold {
  /** The household id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ type: [String], default: [], index: true }) cadreIds!: string[];
  @Prop({ required: true }) version!: number;
  /** When the pairing last changed (the event's `at`); null on records written before it was kept. */
  @Prop({ type: Date, default: null }) changedAt?: Date | null;
}
export const PairedHouseholdSchema = SchemaFactory.createForClass(PairedHousehold);

/**
 * The pairings read model. Every read and write goes to the collection in use: `paired_households`
 * until a replay rebuilt it into another (`npm run replay -- <app> pairings`; an app that offers it
 * lists `pairingsFollowerProvider` among its providers).
 */
@Injectable()
export class PairingsReadModel implements PairedHouseholds, ReadModelUser {
  private pairings: Store<PairedHousehold>;

  constructor(
    @InjectModel(PairedHousehold.name) model: Model<PairedHousehold>,
    @InjectConnection() private readonly connection: Connection,
  ) {
    this.pairings = Store.of(model);
  }

  get collectionName(): string {
    return this.pairings.collectionName;
  }

  /** Reads and writes `name` from now on (a replayed read model switched over). */
  useCollection(name: string): void {
    if (name !== this.pairings.collectionName)
      this.pairings = Store.named<PairedHousehold>(this.connection, name);
  }

  /** Idempotent, order-safe: an event not newer than the stored version changes nothing. */
  async apply(e: HouseholdPairingChangedV1): Promise<boolean> {
    const d = e.data;
    try {
      const r = await this.pairings.updateOne(
        { _id: d.householdId, version: { $lt: d.version } },
        { $set: pairingOf(d) },
        { upsert: true },
      );
      return r.modifiedCount + r.upsertedCount > 0;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false; // as new or newer is stored: keep it
      throw err;
    }
  }

  /** The household's pairing (its cadres' ids in the event's order), or null when none is known. */
  find(householdId: string): Promise<PairedHousehold | null> {
    return this.pairings.findOne({ _id: householdId });
  }

  async householdsPairedWith(cadre: string, units: string[]): Promise<string[]> {
    if (units.length === 0) return [];
    const rows = await this.pairings
      .find(
        { cadreIds: cadre, $or: units.map((u) => ({ villageCode: { $regex: `^${u.replace(/\D/g, '')}` } })) },
        { projection: { _id: 1 } },
      )
      .toArray();
    return rows.map((r) => r._id);
  }
}

/**
 * Follows the pairings read model's pointer (ReadModelFollower) once `ready` (the app's
 * CollectionsSetup) is: an app that offers `npm run replay -- <app> pairings` lists it.
 */
export const pairingsFollowerProvider = (ready: InjectionToken) =>
  readModelFollowerProvider(PAIRINGS_READ_MODEL, PairingsReadModel, ready);

export interface PairingsReplayResult extends ReadModelReplayResult {
  households: number;
}

/**
 * Rebuilds an app's pairings read model from households.events.v1 while the app keeps serving and
 * consuming (replayReadModel): the pairings folded in memory (PairingsFold, newest version per
 * household), written to the shadow `paired_households_r<time>`.
 */
export async function replayPairings(o: AppReplayOptions): Promise<PairingsReplayResult> {
  const fold = new PairingsFold();
  const result = await replayReadModel<PairingDocument>(
    {
      ...o,
      topics: [`${o.topicPrefix}${Topics.households}`],
      readModel: PAIRINGS_READ_MODEL,
      collection: 'paired_households',
    },
    keyedBuilder(fold, async (shadow) => {
      await shadow.createIndex({ cadreIds: 1 }); // the schema's index
    }),
  );
  return { ...result, households: fold.documents.size };
}

/** households.events.v1 → the pairings read model (for apps with no other handler of the event). */
@Controller()
export class PairingsConsumer {
  constructor(private readonly pairings: PairingsReadModel) {}

  @EventPattern(HouseholdPairingChangedV1.type)
  onPairingChanged(e: HouseholdPairingChangedV1) {
    return this.pairings.apply(e);
  }
}

/**
 * The pairings read model, and the guard's PAIRED_HOUSEHOLDS (global, so the app guard finds it):
 * `PairingsModule.withConsumer()` where nothing else of the app handles household.pairing-changed.v1,
 * `PairingsModule` where an existing handler calls `PairingsReadModel.apply`.
 */
@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: PairedHousehold.name, schema: PairedHouseholdSchema }])],
  providers: [PairingsReadModel, { provide: PAIRED_HOUSEHOLDS, useExisting: PairingsReadModel }],
  exports: [PairingsReadModel, PAIRED_HOUSEHOLDS],
})
export class PairingsModule {
  static withConsumer() {
    return { module: PairingsModule, controllers: [PairingsConsumer] };
  }
}
