/** 关爱服务名册: pure rules of the roster's entries (no framework, no I/O). */
import { createHash } from 'node:crypto';
import type { Scope } from '@lib/auth';
import { createEvent } from '@lib/contracts';
import type { CareGroup } from '@lib/contracts';

export { chinaToday } from '@lib/contracts';

export interface Person {
  userId?: string;
  name: string;
}

/** One person on the village's 关爱服务名册 (a member of a registered household). */
export interface RosterEntry {
  _id: string;
  householdId: string;
  memberId: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  group: CareGroup;
  carer: Person;
  since: string;
  /** The carer's user id when they have an account: a 帮扶责任人 sees the entries paired with them. */
  pairedCadreIds: string[];
  /** `${memberId}|${group}` while on the roster (unique): one entry per person and group. */
  activeKey: string;
  lastVisitedOn: string | null;
  addedAt: Date;
  addedBy: string;
  changedAt: Date | null;
  removedAt: Date | null;
  removalReason?: string;
}

export const activeKeyOf = (memberId: string, group: string) => `${memberId}|${group}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The roster entry of a care pairing id. Pairings made on a household's page before the roster took them
 * over were named `household:member:group`; they moved onto the roster (the 0002 migration) under a UUID
 * derived from that name, so the old id still finds its entry. A roster id is its own entry's.
 */
export function rosterIdOf(pairingId: string): string {
  if (UUID.test(pairingId)) return pairingId.toLowerCase();
  const h = createHash('sha1').update(`care-pairing:${pairingId}`).digest('hex');
  // formatted as a name-based UUID (version 5, RFC 4122 variant)
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The user ids that see an entry as its paired cadre: the carer's, when they have an account. */
export const pairedCadreIdsOf = (carer: Person) => (carer.userId ? [carer.userId] : []);

/** A new entry for a member of a household, put on the roster by `by` at `at`. */
export function newRosterEntry(
  id: string,
  h: { _id: string; countyCode: string; townCode: string; villageCode: string },
  body: { memberId: string; group: CareGroup; carer: Person; since: string },
  by: string,
  at: Date,
): RosterEntry {
  return {
    _id: id,
    householdId: h._id,
    memberId: body.memberId,
    countyCode: h.countyCode,
    townCode: h.townCode,
    villageCode: h.villageCode,
    group: body.group,
    carer: body.carer,
    since: body.since,
    pairedCadreIds: pairedCadreIdsOf(body.carer),
    activeKey: activeKeyOf(body.memberId, body.group),
    lastVisitedOn: null,
    addedAt: at,
    addedBy: by,
    changedAt: null,
    removedAt: null,
  };
}

export type EntryChange = { group?: CareGroup; carer?: Person; since?: string };

/** Which of group, carer and since a change really changes. */
export const changedFields = (before: RosterEntry, body: EntryChange) =>
  (['group', 'carer', 'since'] as const).filter(
    (k) => body[k] !== undefined && JSON.stringify(body[k]) !== JSON.stringify(before[k]),
  );

/** The entry after a change at `at`. */
export function entryAfter(before: RosterEntry, body: EntryChange, at: Date): RosterEntry {
  return {
    ...before,
    ...(body.group ? { group: body.group, activeKey: activeKeyOf(before.memberId, body.group) } : {}),
    ...(body.carer ? { carer: body.carer, pairedCadreIds: pairedCadreIdsOf(body.carer) } : {}),
    ...(body.since ? { since: body.since } : {}),
    changedAt: at,
  };
}

/** What is wrong with a visit on `visitedOn` to an entry, `today` being today (China time); null if nothing. */
export function visitDayProblem(e: Pick<RosterEntry, 'since'>, visitedOn: string, today: string) {
  if (visitedOn > today) return '不能是将来的日期 (in the future)';
  if (visitedOn < e.since) return `不能早于列入名册日期 ${e.since} (before the person joined the roster)`;
  return null;
}

/** The entry's last visit once a visit on `visitedOn` is recorded. */
export const lastVisitAfter = (e: Pick<RosterEntry, 'lastVisitedOn'>, visitedOn: string) =>
  !e.lastVisitedOn || visitedOn > e.lastVisitedOn ? visitedOn : e.lastVisitedOn;

/** The county a caller works in (the first of their units), or null for the whole platform. */
export function countyOf(scope: Scope): string | null {
  if (scope.all) return null;
  const unit = [...scope.counties, ...scope.towns, ...scope.villages][0];
  return unit ? unit.slice(0, 6) : null;
}

/** Whether a caller's units lie in the county. */
export function sees(scope: Scope, county: string): boolean {
  if (scope.all) return true;
  return [...scope.counties, ...scope.towns, ...scope.villages].some((u) => u.startsWith(county));
}

/** A roster event of the entry's household (subject), town and village. */
export function rosterEvent(type: string, e: RosterEntry, data: Record<string, unknown>, at: Date) {
  return createEvent({
    type,
    source: 'households',
    subject: e.householdId,
    townId: e.townCode,
    villageId: e.villageCode,
    time: at,
    data,
  });
}

/** What the roster's entry events say of the entry. */
export function entryData(e: RosterEntry, by: string, at: Date) {
  return {
    rosterId: e._id,
    householdId: e.householdId,
    memberId: e.memberId,
    countyCode: e.countyCode,
    townCode: e.townCode,
    villageCode: e.villageCode,
    group: e.group,
    carer: e.carer,
    since: e.since,
    by,
    at: at.toISOString(),
  };
}
