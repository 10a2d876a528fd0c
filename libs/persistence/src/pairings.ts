import { Controller, Global, Injectable, Module } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PAIRED_HOUSEHOLDS, PairedHouseholds } from '@lib/auth';
import { HouseholdPairingChangedV1 } from '@lib/contracts';
import { isDuplicateKeyError } from './duplicate-key';

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

@Injectable()
export class PairingsReadModel implements PairedHouseholds {
  constructor(@InjectModel(PairedHousehold.name) private readonly model: Model<PairedHousehold>) {}

  /** Idempotent, order-safe: an event not newer than the stored version changes nothing. */
  async apply(e: HouseholdPairingChangedV1): Promise<boolean> {
    const d = e.data;
    try {
      const r = await this.model.updateOne(
        { _id: d.householdId, version: { $lt: d.version } },
        {
          $set: {
            villageCode: d.villageCode,
            cadreIds: d.cadres.map((c) => c.userId),
            version: d.version,
            changedAt: new Date(d.at),
          },
        },
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
    return this.model.findById(householdId).lean<PairedHousehold>().exec();
  }

  async householdsPairedWith(cadre: string, units: string[]): Promise<string[]> {
    if (units.length === 0) return [];
    const rows = await this.model
      .find(
        { cadreIds: cadre, $or: units.map((u) => ({ villageCode: { $regex: `^${u.replace(/\D/g, '')}` } })) },
        { _id: 1 },
      )
      .lean<Array<{ _id: string }>>()
      .exec();
    return rows.map((r) => r._id);
  }
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
