import { CloudEvent, DataOf, HouseholdPairingChangedV1 } from '@lib/contracts';
import { KeyedFold } from '@lib/persistence/replay/keyed-fold';
import type { PairedCadreName } from '../pairings.schema';

/**
 * Folds household.pairing-changed.v1 into the paired cadres' names as PairingsStore.rememberNames
 * writes them: one document per cadre, the naming of the newest event (its `at`) wins; a naming as
 * old or older changes nothing.
 */
export class CadreNamesFold extends KeyedFold<PairedCadreName> {
  protected fold(e: CloudEvent): string[] {
    if (e.type !== HouseholdPairingChangedV1.type) return [];
    const d = e.data as DataOf<typeof HouseholdPairingChangedV1>;
    const namedAt = new Date(d.at);
    const named: string[] = [];
    for (const { userId, name, orgUnit } of d.cadres) {
      const kept = this.documents.get(userId);
      if (kept && kept.namedAt >= namedAt) continue;
      this.documents.set(userId, { _id: userId, name, orgUnit, namedAt });
      named.push(userId);
    }
    return named;
  }
}
