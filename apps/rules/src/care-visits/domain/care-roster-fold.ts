/**
 * Rules' copy of the care roster (关爱服务名册) and of the counties' visit frequencies, as documents,
 * and the fold of households' care-roster events into them, pure (the replay rebuilds the read model
 * with it: `npm run replay -- rules care-roster`). It writes what the live store writes
 * (care-roster.store.ts) and nothing else: resolving overdue alerts is the live consumer's effect.
 */
import {
  CareFrequencies,
  CareFrequenciesSetV1,
  CareRosterMemberAddedV1,
  CareRosterMemberChangedV1,
  CareRosterMemberRemovedV1,
  CloudEvent,
  DataOf,
  HouseholdCareVisitRecordedV1,
} from '@lib/contracts';
import { CareMember } from './care-overdue-alert';

/** A roster entry as stored (care_roster). */
export type CareMemberDoc = CareMember & { countyCode: string; removed: boolean; updatedAt: string };
/** A county's visit frequencies as stored (care_frequencies). */
export interface CountyFrequenciesDoc {
  _id: string;
  frequencies: CareFrequencies;
  at: string;
}

/** The roster's two collections; a replay's shadows share one suffix (`care_roster_r<time>`, `care_frequencies_r<time>`). */
export const CARE_ROSTER_COLLECTION = 'care_roster';
export const CARE_FREQUENCIES_COLLECTION = 'care_frequencies';
/** The frequencies' collection that goes with the roster collection `roster` (the same suffix). */
export const frequenciesCollectionOf = (roster: string) =>
  `${CARE_FREQUENCIES_COLLECTION}${roster.slice(CARE_ROSTER_COLLECTION.length)}`;

/** An added or changed entry, as households.events.v1 carries it. */
export type CareRosterEntry = DataOf<typeof CareRosterMemberAddedV1>;
/** What an added or changed entry sets (its last visit and whether it was removed are kept). */
export const entryFieldsOf = (d: CareRosterEntry) => ({
  householdId: d.householdId,
  memberId: d.memberId,
  countyCode: d.countyCode,
  townCode: d.townCode,
  villageCode: d.villageCode,
  group: d.group,
  carer: d.carer,
  since: d.since,
  updatedAt: d.at,
});

/**
 * Folds households.events.v1 into the roster as the live store writes it: an entry added or changed is
 * set (its last visit and `removed` kept, as the store's upsert keeps them); removed marks a known entry;
 * a visit moves a known entry's last visit forward only; a county's frequencies are replaced by newer
 * ones only. Other events and those that change nothing are not counted.
 */
export class CareRosterFold {
  readonly members = new Map<string, CareMemberDoc>();
  readonly frequencies = new Map<string, CountyFrequenciesDoc>();
  /** Entries and counties changed since the last flush. */
  readonly changedMembers = new Set<string>();
  readonly changedCounties = new Set<string>();

  /** Folds a batch; answers how many events changed the roster or the frequencies. */
  apply(events: readonly CloudEvent[]): number {
    return events.filter((e) => this.applyOne(e)).length;
  }

  private applyOne(e: CloudEvent): boolean {
    switch (e.type) {
      case CareRosterMemberAddedV1.type:
      case CareRosterMemberChangedV1.type:
        return this.upsert(e.data as CareRosterEntry);
      case CareRosterMemberRemovedV1.type:
        return this.remove((e.data as DataOf<typeof CareRosterMemberRemovedV1>).rosterId);
      case HouseholdCareVisitRecordedV1.type: {
        const d = e.data as DataOf<typeof HouseholdCareVisitRecordedV1>;
        return this.visited(d.pairingId, d.visitedOn);
      }
      case CareFrequenciesSetV1.type:
        return this.setFrequencies(e.data as DataOf<typeof CareFrequenciesSetV1>);
      default:
        return false;
    }
  }

  private upsert(d: CareRosterEntry): boolean {
    const had = this.members.get(d.rosterId);
    this.members.set(d.rosterId, {
      _id: d.rosterId,
      ...entryFieldsOf(d),
      lastVisitedOn: had?.lastVisitedOn ?? null,
      removed: had?.removed ?? false,
    });
    return this.changed(this.changedMembers, d.rosterId);
  }

  private remove(id: string): boolean {
    const m = this.members.get(id);
    if (!m || m.removed) return false;
    m.removed = true;
    return this.changed(this.changedMembers, id);
  }

  private visited(id: string, visitedOn: string): boolean {
    const m = this.members.get(id);
    if (!m || (m.lastVisitedOn !== null && m.lastVisitedOn >= visitedOn)) return false;
    m.lastVisitedOn = visitedOn;
    return this.changed(this.changedMembers, id);
  }

  private setFrequencies(d: DataOf<typeof CareFrequenciesSetV1>): boolean {
    const stored = this.frequencies.get(d.countyCode);
    if (stored && stored.at >= d.at) return false;
    this.frequencies.set(d.countyCode, { _id: d.countyCode, frequencies: d.frequencies, at: d.at });
    return this.changed(this.changedCounties, d.countyCode);
  }

  private changed(set: Set<string>, id: string): true {
    set.add(id);
    return true;
  }
}
