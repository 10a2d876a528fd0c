import { CloudEvent, DataOf, HouseholdPairingChangedV1 } from '@lib/contracts';
import { KeyedFold } from './keyed-fold';

/** One household's pairing as the pairings read model keeps it (pairings.ts, `paired_households`). */
export interface PairingDocument {
  _id: string;
  villageCode: string;
  cadreIds: string[];
  version: number;
  changedAt: Date | null;
}

/** The pairing a household.pairing-changed.v1 sets (the fields the live write `$set`s). */
export function pairingOf(d: DataOf<typeof HouseholdPairingChangedV1>): Omit<PairingDocument, '_id'> {
  return {
    villageCode: d.villageCode,
    cadreIds: d.cadres.map((c) => c.userId),
    version: d.version,
    changedAt: new Date(d.at),
  };
}

/**
 * Folds household.pairing-changed.v1 (the full current cadre list) into the pairings read model as
 * PairingsReadModel.apply writes it: one document per household, an event not newer than the kept
 * version changes nothing.
 */
export class PairingsFold extends KeyedFold<PairingDocument> {
  protected fold(e: CloudEvent): string[] {
    if (e.type !== HouseholdPairingChangedV1.type) return [];
    const d = e.data as DataOf<typeof HouseholdPairingChangedV1>;
    const kept = this.documents.get(d.householdId);
    if (kept && kept.version >= d.version) return [];
    this.documents.set(d.householdId, { _id: d.householdId, ...pairingOf(d) });
    return [d.householdId];
  }
}
