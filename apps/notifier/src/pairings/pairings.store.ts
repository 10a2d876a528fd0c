import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { isDuplicateKeyError, ReadModelUser, Store } from '@lib/persistence';
import { PairedCadreName } from './pairings.schema';

/**
 * The names of paired cadres, newest event wins per cadre (a redelivered or older event changes
 * nothing). Every read and write goes to the collection in use: `paired_cadres` until a replay rebuilt
 * it into another (`npm run replay -- notifier pairings`, replay/pairings-pointer.ts switches it over).
 */
@Injectable()
export class PairingsStore implements ReadModelUser {
  private names: Store<PairedCadreName>;

  constructor(
    @InjectModel(PairedCadreName.name) model: Model<PairedCadreName>,
    @InjectConnection() private readonly connection: Connection,
  ) {
    this.names = Store.of(model);
  }

  get collectionName(): string {
    return this.names.collectionName;
  }

  /** Reads and writes `name` from now on (the replayed names switched over). */
  useCollection(name: string): void {
    if (name !== this.names.collectionName) this.names = Store.named<PairedCadreName>(this.connection, name);
  }

  /** Remembers each cadre's name and unit as of `namedAt`, unless a newer naming is stored. */
  async rememberNames(
    cadres: ReadonlyArray<{ userId: string; name: string; orgUnit: string }>,
    namedAt: Date,
  ): Promise<void> {
    await Promise.all(
      cadres.map(async ({ userId, name, orgUnit }) => {
        try {
          await this.names.updateOne(
            { _id: userId, namedAt: { $lt: namedAt } },
            { $set: { name, orgUnit, namedAt } },
            { upsert: true },
          );
        } catch (e) {
          if (!isDuplicateKeyError(e)) throw e; // a naming as new or newer is stored: keep it
        }
      }),
    );
  }

  /** The names of these cadres (those ever heard), by user id. */
  async namesOf(userIds: readonly string[]): Promise<Map<string, PairedCadreName>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.names.find({ _id: { $in: [...new Set(userIds)] } }).toArray();
    return new Map(rows.map((r) => [r._id, r]));
  }
}
