import {
  CloudEvent,
  DataOf,
  HouseholdClosedV1,
  HouseholdMemberAddedV1,
  HouseholdMemberRemovedV1,
  HouseholdRegisteredV1,
} from '@lib/contracts';

/**
 * One entry of the member-hash index (who, by the registry's keyed hash of the ID number, belongs to
 * which household): `_id: <hash>:<householdId>`, as department-fact.schema.ts stores it. Pure data: the
 * live index (IndexMembers) and the replay (replay/member-index-replay.ts) both build entries with these.
 */
export interface MemberHashEntry {
  _id: string;
  hash: string;
  householdId: string;
  memberId: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  since: Date;
}

export const memberHashId = (hash: string, householdId: string) => `${hash}:${householdId}`;

/** The entries of a registered household's members that carry an ID-number hash. */
export function registeredMemberHashes(d: DataOf<typeof HouseholdRegisteredV1>): MemberHashEntry[] {
  return d.members
    .filter((m) => m.idNumberHash)
    .map((m) => ({
      _id: memberHashId(m.idNumberHash!, d.householdId),
      hash: m.idNumberHash!,
      householdId: d.householdId,
      memberId: m.memberId,
      countyCode: d.countyCode,
      townCode: d.townCode,
      villageCode: d.villageCode,
      since: new Date(d.registeredAt),
    }));
}

/** The entry of a member who joined, null without an ID-number hash. */
export function addedMemberHash(d: DataOf<typeof HouseholdMemberAddedV1>): MemberHashEntry | null {
  if (!d.member.idNumberHash) return null;
  return {
    _id: memberHashId(d.member.idNumberHash, d.householdId),
    hash: d.member.idNumberHash,
    householdId: d.householdId,
    memberId: d.member.memberId,
    countyCode: d.villageCode.slice(0, 6),
    townCode: d.townCode,
    villageCode: d.villageCode,
    since: new Date(d.at),
  };
}

/**
 * Folds households.events.v1 into the member-hash index in memory, as the live consumer writes it
 * (households-events.consumer.ts → IndexMembers): an entry is written once (the first registration or
 * joining keeps its member and day); a member who left is removed; a registration redelivered after the
 * household's 注销 (the directory's answer) adds nothing. It derives only: facts waiting for a household
 * are not matched, department-fact.received.v1 is not published.
 */
export class MemberIndexFold {
  readonly entries = new Map<string, MemberHashEntry>();
  /** Entries (by _id) changed since the last flush; removed when `entries` has them no more. */
  readonly changed = new Set<string>();
  /** registered households (the directory's), and those closed */
  private readonly known = new Set<string>();
  private readonly closed = new Set<string>();

  /** Folds a batch; answers how many events changed the index. */
  apply(events: readonly CloudEvent[]): number {
    return events.filter((e) => this.fold(e)).length;
  }

  private fold(e: CloudEvent): boolean {
    if (e.type === HouseholdRegisteredV1.type) {
      const d = e.data as DataOf<typeof HouseholdRegisteredV1>;
      const redeliveredAfterClosure = this.closed.has(d.householdId);
      this.known.add(d.householdId);
      return !redeliveredAfterClosure && this.add(registeredMemberHashes(d));
    }
    if (e.type === HouseholdClosedV1.type) {
      const id = (e.data as DataOf<typeof HouseholdClosedV1>).householdId;
      if (this.known.has(id)) this.closed.add(id); // the index keeps its members
      return false;
    }
    if (e.type === HouseholdMemberAddedV1.type) {
      const entry = addedMemberHash(e.data as DataOf<typeof HouseholdMemberAddedV1>);
      return entry !== null && this.add([entry]);
    }
    if (e.type === HouseholdMemberRemovedV1.type) {
      const d = e.data as DataOf<typeof HouseholdMemberRemovedV1>;
      const id = d.idNumberHash ? memberHashId(d.idNumberHash, d.householdId) : null;
      if (!id || !this.entries.delete(id)) return false;
      this.changed.add(id);
      return true;
    }
    return false;
  }

  private add(entries: MemberHashEntry[]): boolean {
    const fresh = entries.filter((m) => !this.entries.has(m._id));
    for (const m of fresh) {
      this.entries.set(m._id, m);
      this.changed.add(m._id);
    }
    return fresh.length > 0;
  }
}
