import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { CloudEvent, createEvent, Topics } from '@lib/contracts';
import { infra, replayWhileServing, waitFor } from '@lib/testing';
import type { VisitsReplayResult } from '../src/replay/visits-replay';
import { SupervisionHarness } from './harness';

const VILLAGE = '621299101201';
const village = { latitude: 34.58, longitude: 105.72 };
const NAMES = ['王芳', '李强', '张敏', '赵磊'];
/** Ten weekdays of October 2026 (after 国庆). */
const DAYS = ['12', '13', '14', '15', '16', '19', '20', '21', '22', '23'].map((d) => `2026-10-${d}`);

type Summary = { onPostDays: number; patternDays: Record<string, string[]> } & Record<string, unknown>;
type Doc = { _id: string; memberId: string; day: string };

/**
 * Replay (issue #17): supervision's visits of team members (monitoring's surveys, survey.recorded.v1,
 * attributed to the team member the visitor's text names: a visit proves daytime presence) are
 * corrupted and rebuilt from Kafka by `npm run replay -- supervision visits` while the app keeps
 * answering and consuming. A month's attendance recomputed from the rebuilt visits is as before, the
 * surveys taken during the replay are visits, and the app goes on judging days from the rebuilt visits.
 */
describe('supervision: the visits of team members rebuilt from Kafka (npm run replay)', () => {
  const h = new SupervisionHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  const db = () => mongo.db(`${h.runId}_supervision`);
  const members: string[] = [];
  let teamId = '';

  beforeAll(async () => {
    await mongo.connect();
    await h.start();
    teamId = await h.createTeam();
    for (const name of NAMES) members.push(await h.addMember(teamId, { name }));
  }, 120_000);

  afterAll(async () => {
    await h.stop();
    await mongo.close();
  }, 60_000);

  /** A survey monitoring records: made by `visitor` at 14:00 on `day`. */
  const survey = (visitor: string, day: string): CloudEvent => {
    const householdId = `hh-${randomUUID().slice(0, 8)}`;
    return createEvent({
      type: 'survey.recorded.v1',
      source: 'monitoring',
      subject: householdId,
      data: {
        surveyId: randomUUID(),
        householdId,
        townCode: VILLAGE.slice(0, 9),
        villageCode: VILLAGE,
        month: day.slice(0, 7),
        visitedAt: `${day}T14:00:00+08:00`,
        visitor,
        income: { wage: 6000, business: 0, property: 0, transfer: 2400, businessCosts: 0 },
        netIncome: 8400,
        residentMembers: 2,
        perCapitaNetIncome: 4200,
      },
    });
  };
  const monitoring = () => h.topic(Topics.monitoring);
  const produce = (events: CloudEvent[]) =>
    h.kafka.send(
      monitoring(),
      events.map((e) => ({ key: e.subject!, value: JSON.stringify(e) })),
    );
  const settle = () => h.kafka.waitForNoLag(h.groupId, monitoring(), 120_000);
  const summary = async (memberId: string) => {
    const r = await h.app.get<Summary>(`/api/v1/attendance/summary?memberId=${memberId}&month=2026-10`);
    expect(r.status).toBe(200);
    return r.body;
  };
  const docs = (collection: string) => db().collection<Doc>(collection).find({}).sort({ _id: 1 }).toArray();

  it('corrupts the visits, replays them while serving, recomputes the same month and goes on from them', async () => {
    // everyone checks in morning and evening in the village; a visit in the afternoon on every other day
    // proves daytime presence (on post), the other days are 早晚打卡、白天不见人
    const records = members.flatMap((memberId) =>
      DAYS.flatMap((day) =>
        ['08:55', '18:10'].map((hhmm) => ({
          source: 'gps-terminal',
          sourceRecordId: `${memberId}-${day}-${hhmm}`,
          memberId,
          checkTime: `${day}T${hhmm}:00+08:00`,
          ...village,
          locationMethod: 'GPS',
        })),
      ),
    );
    expect((await h.pushSigned({ records })).body).toMatchObject({ accepted: records.length });
    await produce([
      ...members.flatMap((_, m) =>
        DAYS.filter((_, d) => (d + m) % 2 === 0).map((day) => survey(`驻村工作队 ${NAMES[m]}`, day)),
      ),
      ...DAYS.slice(0, 5).map((day) => survey('村医 孙某', day)), // not a team member's visit
    ]);
    await settle();
    const before = await waitFor('every visit judged', async () => {
      const all = await Promise.all(members.map(summary));
      return all.every((s) => s.onPostDays === DAYS.length / 2) ? all : undefined;
    });
    expect(before[0].patternDays.morning_evening_only).toHaveLength(DAYS.length / 2);
    const visitsBefore = await docs('visits');
    expect(visitsBefore).toHaveLength((members.length * DAYS.length) / 2);

    // the read model is corrupted: half the visits lost, one moved to another day
    const lost = visitsBefore.filter((_, i) => i % 2 === 0).map((v) => v._id);
    await db()
      .collection<Doc>('visits')
      .deleteMany({ _id: { $in: lost } });
    const moved = visitsBefore[1];
    await db()
      .collection<Doc>('visits')
      .updateOne({ _id: moved._id }, { $set: { day: '2026-10-31' } });

    // the replay, while the app answers and takes new surveys (in November)
    const during = [
      survey(`驻村工作队 ${NAMES[0]}`, '2026-11-02'),
      survey(`驻村工作队 ${NAMES[0]}`, '2026-11-03'),
    ];
    const { result, reads, stdout } = await replayWhileServing<VisitsReplayResult>(
      'supervision',
      'visits',
      {
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: h.prefix,
        MONGO_URL: infra.mongoUrl,
        MONGO_DB: `${h.runId}_supervision`,
        REDIS_URL: infra.redisUrl,
      },
      async () => (await h.app.get(`/api/v1/attendance/summary?memberId=${members[1]}&month=2026-10`)).status,
      () => produce(during),
    );
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(result.previous).toBe('visits');
    const pointer = await db()
      .collection<{ _id: string; collection: string }>('read_models')
      .findOne({ _id: 'visits' });
    expect(pointer?.collection).toBe(result.collection);

    // the rebuilt visits are the ones before the loss, and the surveys taken during the replay are visits
    await settle();
    const duringIds = during.map((e) => (e.data as { surveyId: string }).surveyId);
    const rebuilt = await waitFor('the visits made during the replay in the rebuilt model', async () => {
      const all = await docs(result.collection);
      return duringIds.every((id) => all.some((v) => v._id === id)) ? all : undefined;
    });
    expect(rebuilt.filter((v) => !duringIds.includes(v._id))).toEqual(visitsBefore);

    // the month recomputed (a person's request, after the replay) from the rebuilt visits: as before
    const recompute = await h.app.post('/api/v1/attendance/recompute', { teamId, month: '2026-10' });
    expect(recompute.status).toBe(200);
    for (const [i, id] of members.entries())
      expect({ id, ...(await summary(id)) }).toEqual({ id, ...before[i] });

    // and the app goes on from the rebuilt visits: a new afternoon visit puts a 早晚打卡 day on post
    const target = members[1];
    const day = before[1].patternDays.morning_evening_only[0];
    await produce([survey(`驻村工作队 ${NAMES[1]}`, day)]);
    await settle();
    const after = await waitFor('the day judged on post from the new visit', async () => {
      const s = await summary(target);
      return s.onPostDays === DAYS.length / 2 + 1 ? s : undefined;
    });
    expect(after.patternDays.morning_evening_only).not.toContain(day);
    expect(await db().collection<Doc>(result.collection).countDocuments({ memberId: target, day })).toBe(1);
  }, 600_000);
});
