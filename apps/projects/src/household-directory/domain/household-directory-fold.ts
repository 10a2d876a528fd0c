import {
  CloudEvent,
  DataOf,
  HouseholdClosedV1,
  HouseholdPairingChangedV1,
  HouseholdRegisteredV1,
} from '@lib/contracts';
import { KeyedFold } from '@lib/persistence/replay/keyed-fold';
import type { KnownHousehold } from '../known-household.schema';

/**
 * The filter of a household's copies of its 帮扶责任人 (the directory, the ledger records) that a pairing of
 * `version` replaces: none kept yet, or an older one. A late, older household.pairing-changed.v1 matches none.
 */
export function olderPairingThan(version: number) {
  return [{ pairingVersion: { $exists: false } }, { pairingVersion: { $lt: version } }];
}

/**
 * What a registration sets, once (household.registered.v1): the live write and the fold. A household
 * without a monitoring category is stored without the field: FerretDB 1.24 leaves a null out of an
 * upsert's $setOnInsert (an insert keeps it), so the live write and the replay's insert agree only so.
 */
export function registeredHousehold(
  d: DataOf<typeof HouseholdRegisteredV1>,
): Omit<KnownHousehold, '_id' | 'pairedCadreIds' | 'pairingVersion' | 'closedOn' | 'closureReason'> {
  return {
    householdNumber: d.householdNumber,
    countyCode: d.countyCode,
    townCode: d.townCode,
    villageCode: d.villageCode,
    householdType: d.householdType,
    ...(d.monitoringCategory == null ? {} : { monitoringCategory: d.monitoringCategory }),
    memberCount: d.memberCount,
    registeredAt: new Date(d.registeredAt),
  };
}

/**
 * Folds households.events.v1 into projects' household directory as the live consumers write it
 * (HouseholdDirectory): a registration creates the household once; 注销 keeps the first closure's day
 * and reason; a pairing change sets the household's paired cadres (帮扶责任人) unless a pairing as new
 * or newer is kept (its version), as in the live write; events of a household never registered change
 * nothing. The directory only: no beneficiary link is ended, no ledger record touched.
 */
export class HouseholdDirectoryFold extends KeyedFold<KnownHousehold> {
  protected fold(e: CloudEvent): string[] {
    if (e.type === HouseholdRegisteredV1.type) {
      const d = e.data as DataOf<typeof HouseholdRegisteredV1>;
      if (this.documents.has(d.householdId)) return [];
      this.documents.set(d.householdId, { _id: d.householdId, ...registeredHousehold(d) });
      return [d.householdId];
    }
    if (e.type === HouseholdClosedV1.type) {
      const d = e.data as DataOf<typeof HouseholdClosedV1>;
      const h = this.documents.get(d.householdId);
      if (!h || h.closedOn) return [];
      h.closedOn = d.on;
      h.closureReason = d.reason;
      return [h._id];
    }
    if (e.type === HouseholdPairingChangedV1.type) {
      const d = e.data as DataOf<typeof HouseholdPairingChangedV1>;
      const h = this.documents.get(d.householdId);
      if (!h || (h.pairingVersion !== undefined && h.pairingVersion >= d.version)) return [];
      h.pairedCadreIds = d.cadres.map((c) => c.userId);
      h.pairingVersion = d.version;
      return [h._id];
    }
    return [];
  }
}
