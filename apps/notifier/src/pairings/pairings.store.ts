import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKeyError } from '@lib/persistence';
import { PairedCadreName } from './pairings.schema';

/** The names of paired cadres, newest event wins per cadre (a redelivered or older event changes nothing). */
@Injectable()
export class PairingsStore {
  constructor(@InjectModel(PairedCadreName.name) private readonly model: Model<PairedCadreName>) {}

  /** Remembers each cadre's name and unit as of `namedAt`, unless a newer naming is stored. */
  async rememberNames(
    cadres: ReadonlyArray<{ userId: string; name: string; orgUnit: string }>,
    namedAt: Date,
  ): Promise<void> {
    await Promise.all(
      cadres.map(async ({ userId, name, orgUnit }) => {
        try {
          await this.model
            .updateOne(
              { _id: userId, namedAt: { $lt: namedAt } },
              { $set: { name, orgUnit, namedAt } },
              { upsert: true },
            )
            .exec();
        } catch (e) {
          if (!isDuplicateKeyError(e)) throw e; // a naming as new or newer is stored: keep it
        }
      }),
    );
  }

  /** The names of these cadres (those ever heard), by user id. */
  async namesOf(userIds: readonly string[]): Promise<Map<string, PairedCadreName>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.model
      .find({ _id: { $in: [...new Set(userIds)] } })
      .lean<PairedCadreName[]>()
      .exec();
    return new Map(rows.map((r) => [r._id, r]));
  }
}
