import type { Db } from 'mongodb';
import type { CareGroup } from '@lib/contracts';
import { isDuplicateKeyError, type Migration } from '@lib/persistence';
import type { RosterVisit } from './care-roster.store';
import { activeKeyOf, pairedCadreIdsOf, Person, RosterEntry, rosterIdOf } from './domain/roster';

/** A care pairing as the household page recorded it before the roster took pairings over. */
interface OldPairing {
  _id: string;
  householdId: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  memberId: string;
  group: CareGroup;
  carer: Person;
  since: string;
  at: Date;
  by: string;
}

interface OldVisit {
  _id: string;
  pairingId: string;
  householdId: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  visitedOn: string;
  notes?: string;
  at: Date;
  by: string;
}

const ignoringDuplicate = (write: Promise<unknown>) =>
  write.catch((e: unknown) => {
    if (!isDuplicateKeyError(e)) throw e;
  });

/**
 * 关爱结对 made on a household's page (`care_pairings`, `care_visits`) move onto the 关爱服务名册: each
 * pairing becomes an entry (id derived from the pairing's, so an old id still finds it; a member already on
 * the roster in that group keeps their entry and gets the pairing's visits), each visit a roster visit. No
 * event is published again (they were when recorded); the old collections are left as they were.
 * Idempotent: every write is keyed.
 */
export const carePairingsIntoRoster: Migration = {
  id: '0001-care-pairings-into-roster',
  async up(db: Db) {
    const pairings = await db.collection<OldPairing>('care_pairings').find({}).toArray();
    if (pairings.length === 0) return;
    const oldVisits = await db.collection<OldVisit>('care_visits').find({}).toArray();
    const entries = db.collection<RosterEntry>('care_roster');
    const visits = db.collection<RosterVisit>('care_roster_visits');
    for (const p of pairings) {
      const mine = oldVisits.filter((v) => v.pairingId === p._id);
      const last =
        mine
          .map((v) => v.visitedOn)
          .sort()
          .at(-1) ?? null;
      const activeKey = activeKeyOf(p.memberId, p.group);
      const existing = await entries.findOne({ activeKey });
      const rosterId = existing?._id ?? rosterIdOf(p._id);
      if (!existing)
        await ignoringDuplicate(
          entries.insertOne({
            _id: rosterId,
            householdId: p.householdId,
            memberId: p.memberId,
            countyCode: p.countyCode,
            townCode: p.townCode,
            villageCode: p.villageCode,
            group: p.group,
            carer: p.carer,
            since: p.since,
            pairedCadreIds: pairedCadreIdsOf(p.carer),
            activeKey,
            lastVisitedOn: last,
            addedAt: p.at,
            addedBy: p.by,
            changedAt: null,
            removedAt: null,
          }),
        );
      else if (last && (!existing.lastVisitedOn || existing.lastVisitedOn < last))
        await entries.updateOne({ _id: existing._id }, { $set: { lastVisitedOn: last } });
      for (const v of mine)
        await ignoringDuplicate(
          visits.insertOne({
            _id: v._id,
            rosterId,
            householdId: v.householdId,
            countyCode: v.countyCode,
            townCode: v.townCode,
            villageCode: v.villageCode,
            visitedOn: v.visitedOn,
            // the pairing's carer made its visits (the old record named who wrote it down only)
            visitor: p.carer,
            ...(v.notes ? { note: v.notes } : {}),
            at: v.at,
            by: v.by,
          }),
        );
    }
  },
};
