import { Db, MongoClient } from 'mongodb';
import { infra, uniqueRunId } from '@lib/testing';
import { carePairingsIntoRoster } from './care-pairings.migration';
import { rosterIdOf } from './domain/roster';

const HH = '6f1c1d2e-0000-4000-8000-000000000001';
const ELDER = '6f1c1d2e-0000-4000-8000-0000000000a1';
const CHILD = '6f1c1d2e-0000-4000-8000-0000000000a2';
const units = { countyCode: '621299', townCode: '621299101', villageCode: '621299101201' };
const at = new Date('2026-05-01T00:00:00Z');
/** The stored shapes as the driver sees them (ids are strings here). */
type Doc = { _id: string } & Record<string, unknown>;

describe('关爱结对 made on household pages move onto the 关爱服务名册 (migration)', () => {
  const client = new MongoClient(infra.mongoUrl);
  let db: Db;

  beforeAll(async () => {
    await client.connect();
    db = client.db(`${uniqueRunId('hhmig')}_households`);
    const pairing = (memberId: string, group: string, carer: Record<string, string>) => ({
      _id: `${HH}:${memberId}:${group}`,
      householdId: HH,
      ...units,
      memberId,
      group,
      carer,
      since: '2026-01-01',
      at,
      by: 'user:cadre',
    });
    await db
      .collection<Doc>('care_pairings')
      .insertMany([
        pairing(ELDER, 'left_behind_elderly', { userId: 'user:carer-1', name: '村妇联主任' }),
        pairing(CHILD, 'left_behind_child', { name: '王老师' }),
      ]);
    const visit = (id: string, memberId: string, group: string, visitedOn: string, notes?: string) => ({
      _id: id,
      householdId: HH,
      pairingId: `${HH}:${memberId}:${group}`,
      ...units,
      visitedOn,
      ...(notes ? { notes } : {}),
      at,
      by: 'user:cadre',
    });
    await db
      .collection<Doc>('care_visits')
      .insertMany([
        visit('v1', ELDER, 'left_behind_elderly', '2026-10-01', '身体尚好'),
        visit('v2', ELDER, 'left_behind_elderly', '2026-11-01'),
        visit('v3', CHILD, 'left_behind_child', '2026-09-01'),
      ]);
    // the child is on the roster already (added there): it keeps its entry and gets the pairing's visit
    await db.collection<Doc>('care_roster').insertOne({
      _id: 'existing-child-entry',
      householdId: HH,
      memberId: CHILD,
      ...units,
      group: 'left_behind_child',
      carer: { name: '王老师' },
      since: '2026-02-01',
      pairedCadreIds: [],
      activeKey: `${CHILD}|left_behind_child`,
      lastVisitedOn: '2026-08-01',
      addedAt: at,
      addedBy: 'user:admin',
      changedAt: null,
      removedAt: null,
    });
  }, 180_000);

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('puts each pairing on the roster with its visits, keeps an entry already there, and runs twice safely', async () => {
    await carePairingsIntoRoster.up(db);
    await carePairingsIntoRoster.up(db);
    const entries = await db.collection('care_roster').find({}).sort({ memberId: 1 }).toArray();
    expect(entries).toHaveLength(2);
    const elder = entries.find((e) => e.memberId === ELDER)!;
    expect(elder).toMatchObject({
      _id: rosterIdOf(`${HH}:${ELDER}:left_behind_elderly`),
      householdId: HH,
      villageCode: units.villageCode,
      group: 'left_behind_elderly',
      carer: { userId: 'user:carer-1', name: '村妇联主任' },
      since: '2026-01-01',
      pairedCadreIds: ['user:carer-1'],
      activeKey: `${ELDER}|left_behind_elderly`,
      lastVisitedOn: '2026-11-01',
      removedAt: null,
    });
    const child = entries.find((e) => e.memberId === CHILD)!;
    expect(child).toMatchObject({ _id: 'existing-child-entry', lastVisitedOn: '2026-09-01' });

    const visits = await db.collection('care_roster_visits').find({}).sort({ _id: 1 }).toArray();
    expect(visits.map((v) => [v._id, v.rosterId, v.visitedOn, v.note ?? null])).toEqual([
      ['v1', elder._id, '2026-10-01', '身体尚好'],
      ['v2', elder._id, '2026-11-01', null],
      ['v3', 'existing-child-entry', '2026-09-01', null],
    ]);
    expect(visits[0].visitor).toEqual({ userId: 'user:carer-1', name: '村妇联主任' });
  }, 180_000);
});
