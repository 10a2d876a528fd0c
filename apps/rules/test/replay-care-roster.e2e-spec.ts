import { MongoClient } from 'mongodb';
import { Topics } from '@lib/contracts';
import {
  careFrequenciesSet,
  careRosterMemberAdded,
  careRosterMemberChanged,
  careRosterMemberRemoved,
  householdCareVisitRecorded,
  infra,
  replayWhileServing,
  waitFor,
} from '@lib/testing';
import type { CareRosterReplayResult } from '../src/replay/care-roster-replay';
import { AlertView, Page, RulesHarness, VILLAGE } from './harness';

/** People on the roster before the replay, and added during it. */
const MEMBERS = 60;
const DURING = 3;
const COUNTY = VILLAGE.slice(0, 6);
/** The daily pass's day, and the next one (after the replay). */
const DAY = '2026-10-20';
const NEXT_DAY = '2026-10-21';

type RosterDoc = { _id: string; lastVisitedOn: string | null; removed: boolean };
type DailyRun = { status: string; result: { careMembers: number; careRaised: number } };

/**
 * Replay (issue #17): rules' care roster (its copy of the villages' 关爱服务名册 and the county's visit
 * frequencies, fed by households.events.v1, read by the daily 关爱走访逾期 pass) is corrupted and rebuilt
 * from Kafka by `npm run replay -- rules care-roster` while the app keeps answering and consuming. The
 * roster is as before, the next day's pass finds the same people overdue, the replay resolved no alert
 * (the live consumer resolves one on a visit: replay must not), and the app goes on from it.
 */
describe('rules: the care roster rebuilt from Kafka (npm run replay -- rules care-roster)', () => {
  const h = new RulesHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  const db = () => mongo.db(`${h.runId}_rules`);
  const entries = Array.from({ length: MEMBERS }, (_, i) =>
    careRosterMemberAdded({
      rosterId: `cr-${String(i).padStart(3, '0')}`,
      householdId: `cr-hh-${String(i).padStart(3, '0')}`,
      memberId: `cr-m-${i}`,
      countyCode: COUNTY,
      townCode: VILLAGE.slice(0, 9),
      villageCode: VILLAGE,
      group: i % 2 === 0 ? 'living_alone_elderly' : 'left_behind_child',
      since: '2026-08-01',
      at: '2026-08-01T02:00:00.000Z',
    }),
  );
  const visit = (i: number, visitedOn: string) =>
    householdCareVisitRecorded({
      householdId: entries[i].data.householdId,
      pairingId: entries[i].data.rosterId,
      memberId: entries[i].data.memberId,
      group: entries[i].data.group,
      visitedOn,
    });

  beforeAll(async () => {
    await mongo.connect();
    await h.start();
  }, 300_000);

  afterAll(async () => {
    await h.stop();
    await mongo.close();
  }, 60_000);

  const careAlerts = async () => {
    const r = await h.app.get<Page<AlertView>>('/api/v1/alerts?pageSize=500');
    expect(r.status).toBe(200);
    return r.body.items
      .filter((a) => a.ruleId === 'care-visit-overdue')
      .sort((a, b) => a.id.localeCompare(b.id));
  };
  const runDaily = async (day: string) => {
    const r = await h.app.post<DailyRun>('/api/v1/rules/schedule/daily', { day });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ran');
    return r.body.result;
  };
  /**
   * A collection's documents by _id. Never visited is `lastVisitedOn: null` as the replay writes it; the
   * live upsert's `$setOnInsert: { lastVisitedOn: null }` leaves the field out on FerretDB: the same to
   * every reader (a filter on null matches both), so both read as null here.
   */
  const docs = async (collection: string) =>
    (await db().collection<RosterDoc>(collection).find({}).sort({ _id: 1 }).toArray()).map((d) =>
      'frequencies' in d ? d : { ...d, lastVisitedOn: d.lastVisitedOn ?? null },
    );
  const householdsLag = () => h.kafka.waitForNoLag(h.groupId, h.topic(Topics.households), 120_000);

  it('corrupts the roster, replays it while serving, finds the same people overdue, resolves nothing', async () => {
    // a county's roster: its own frequency for children (20 days, not the default 30), visits, changes, removals
    await h.publish(
      careFrequenciesSet({
        countyCode: COUNTY,
        frequencies: { left_behind_child: 20 },
        at: '2026-08-01T00:00:00.000Z',
      }),
    );
    await h.publish(...entries);
    await h.publish(
      ...entries.flatMap((_, i) =>
        i % 3 === 0
          ? [visit(i, '2026-09-25'), visit(i, '2026-10-18')]
          : i % 3 === 1
            ? [visit(i, '2026-09-25')]
            : [],
      ),
      ...entries
        .filter((_, i) => i % 7 === 0)
        .map((e) =>
          careRosterMemberChanged({ ...e.data, carer: { name: '王五' }, at: '2026-09-01T02:00:00.000Z' }),
        ),
      ...entries.filter((_, i) => i % 5 === 0).map((e) => careRosterMemberRemoved({ ...e.data })),
    );
    await householdsLag();

    // the day's pass: everyone not visited in time (weekly, or 20 days for children) has an alert
    const removed = entries.filter((_, i) => i % 5 === 0).length;
    const first = await runDaily(DAY);
    expect(first.careMembers).toBe(MEMBERS - removed);
    expect(first.careRaised).toBeGreaterThan(MEMBERS / 3);
    // a visit after the pass resolves the person's alert (the live consumer's effect)
    const latecomer = entries.findIndex((_, i) => i % 3 === 2 && i % 5 !== 0);
    await h.publish(visit(latecomer, DAY));
    await householdsLag();
    await waitFor('the visited person’s alert resolved', async () => {
      const a = (await careAlerts()).find((x) => x.subjectId === entries[latecomer].data.rosterId);
      return a?.status === 'resolved' ? a : undefined;
    });
    const alertsBefore = await careAlerts();
    expect(alertsBefore.filter((a) => a.status === 'open').length).toBe(first.careRaised - 1);
    const rosterBefore = await docs('care_roster');
    const frequenciesBefore = await docs('care_frequencies');
    expect(rosterBefore).toHaveLength(MEMBERS);
    expect(frequenciesBefore).toHaveLength(1);

    // the read model is corrupted: a third of the roster lost, one visit forgotten, the county's frequency lost
    const lost = entries.filter((_, i) => i % 3 === 1).map((e) => e.data.rosterId);
    await db()
      .collection<RosterDoc>('care_roster')
      .deleteMany({ _id: { $in: lost } });
    await db()
      .collection<RosterDoc>('care_roster')
      .updateOne({ _id: entries[3].data.rosterId }, { $set: { lastVisitedOn: null } });
    await db().collection('care_frequencies').deleteMany({});

    // the replay, while the app answers reads and takes new people on the roster
    const replayStarted = new Date().toISOString();
    const during = Array.from({ length: DURING }, (_, i) =>
      careRosterMemberAdded({
        rosterId: `cr-new-${i}`,
        countyCode: COUNTY,
        townCode: VILLAGE.slice(0, 9),
        villageCode: VILLAGE,
        since: DAY,
      }),
    );
    const { result, reads, stdout } = await replayWhileServing<CareRosterReplayResult>(
      'rules',
      'care-roster',
      h.env(),
      async () => (await h.app.get('/api/v1/alerts?pageSize=1')).status,
      async () => {
        for (const e of during) await h.publish(e);
      },
    );
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(result.previous).toBe('care_roster');
    const pointer = await db()
      .collection<{ _id: string; collection: string }>('read_models')
      .findOne({ _id: 'care-roster' });
    expect(pointer?.collection).toBe(result.collection);
    const frequencies = result.collection.replace('care_roster', 'care_frequencies');

    // the rebuilt roster and frequencies are the ones before the loss; the corrupted ones are kept
    const ids = new Set(entries.map((e) => e.data.rosterId));
    expect((await docs(result.collection)).filter((d) => ids.has(d._id))).toEqual(rosterBefore);
    expect(await docs(frequencies)).toEqual(frequenciesBefore);
    expect(
      await db()
        .collection<RosterDoc>('care_roster')
        .countDocuments({ _id: { $in: [...ids] } }),
    ).toBe(MEMBERS - lost.length);

    // the replay resolved and raised nothing: the same alerts, no alert event since it started
    expect(await careAlerts()).toEqual(alertsBefore);
    const alertEvents = (await h.alertEvents()).filter(
      (e) => (e as { time?: string }).time! >= replayStarted,
    );
    expect(alertEvents).toEqual([]);

    // the people added during the replay are on the rebuilt roster (by the replay or the app)
    await householdsLag();
    await waitFor('the people added during the replay on the rebuilt roster', async () => {
      const n = await db()
        .collection<RosterDoc>(result.collection)
        .countDocuments({ _id: { $in: during.map((e) => e.data.rosterId) } });
      return n === DURING ? n : undefined;
    });

    // the app goes on writing to the rebuilt roster: a visit moves the person's last visit and resolves
    // the alert
    const target = entries.findIndex((_, i) => i % 3 === 1 && i % 5 !== 0);
    const targetId = entries[target].data.rosterId;
    await h.publish(visit(target, NEXT_DAY));
    await householdsLag();
    await waitFor('the new visit in the rebuilt roster', async () => {
      const d = await db().collection<RosterDoc>(result.collection).findOne({ _id: targetId });
      return d?.lastVisitedOn === NEXT_DAY ? d : undefined;
    });
    await waitFor('the alert resolved by the visit', async () => {
      const a = (await careAlerts()).find((x) => x.subjectId === targetId);
      return a?.status === 'resolved' ? a : undefined;
    });

    // the next day's pass reads the rebuilt roster: everyone on it, nobody newly overdue (a lost person,
    // the forgotten visit or the county's lost frequency would have shown here)
    const next = await runDaily(NEXT_DAY);
    expect(next).toMatchObject({ careMembers: MEMBERS - removed + DURING, careRaised: 0 });
    const alertsAfter = await careAlerts();
    expect(alertsAfter.map((a) => a.id)).toEqual(alertsBefore.map((a) => a.id));
  }, 600_000);
});
