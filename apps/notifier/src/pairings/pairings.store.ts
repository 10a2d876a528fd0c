import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope, SERVICE_SCOPE } from '@lib/auth';
import { isDuplicateKeyError, ScopedRepository } from '@lib/persistence';
import { Pairing } from './pairing.schema';

/**
 * Pairings, last writer wins by the household's version: one conditional upsert per event, so a
 * redelivered or late older event changes nothing (its version is not newer than the stored one).
 */
@Injectable()
export class PairingsStore extends ScopedRepository<Pairing> {
  constructor(@InjectModel(Pairing.name) model: Model<Pairing>) {
    super(model);
  }

  /** Stores the household's cadre list if `p` is newer than what is stored; true if it was applied. */
  async apply(p: Pairing): Promise<boolean> {
    const { _id, ...set } = p;
    try {
      const r = await this.store.updateOne(
        { _id, version: { $lt: p.version } },
        { $set: set },
        { upsert: true },
      );
      return r.modifiedCount + r.upsertedCount > 0;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false; // a version as new or newer is stored: keep it
      throw e;
    }
  }

  find(householdId: string, scope: Scope = SERVICE_SCOPE): Promise<Pairing | null> {
    return this.findById(scope, householdId);
  }
}
