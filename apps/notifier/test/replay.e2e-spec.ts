import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { AlertRaisedV1, Topics } from '@lib/contracts';
import {
  infra,
  ReceivedRequest,
  readModelDocuments,
  replayWhileServing,
  waitFor,
  WebhookSink,
} from '@lib/testing';
import type { AlertsReplayResult } from '../src/replay/alerts-replay';
import type { NotifierPairingsReplayResult } from '../src/replay/pairings-replay';
import { NotifierHarness } from './harness';

const TOWN = '621299103';
const VILLAGE = `${TOWN}001`;
/** Alerts raised before the replay (a quarter acknowledged, a quarter resolved), and during it. */
const ALERTS = 80;
const DURING = 5;
/** Households paired before the replay (half re-paired later), and during it. */
const HOUSEHOLDS = 60;

interface Hook {
  alertId: string;
  escalationLevel?: number;
}
const hook = (r: ReceivedRequest) => r.json as Hook;
type Doc = { _id: string } & Record<string, unknown>;
type PairingView = { status: number; body: unknown };

/**
 * Replay (issue #17) of the notifier's read models: its alert records (rules.alerts.v1) and its
 * pairings (households.events.v1: which cadres a household has, and their names) are corrupted and
 * rebuilt from Kafka by `npm run replay -- notifier alerts|pairings` while the app keeps serving and
 * consuming. The replay derives the records and sends nothing (no delivery, no escalation scheduled);
 * afterwards the escalations that come due go out for the alerts still open — those the corruption
 * had lost too — and the pairings API answers as before the loss.
 */
describe('notifier: alert records and pairings rebuilt from Kafka (npm run replay)', () => {
  const h = new NotifierHarness({ DELIVERY_BACKOFF_MS: '50' });
  const mongo = new MongoClient(infra.mongoUrl);
  let village: WebhookSink;
  let town: WebhookSink;
  let redis: Redis;
  let escalations: Queue;
  const db = () => mongo.db(`${h.runId}_notifier`);
  const env = () => ({
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: h.prefix,
    MONGO_URL: infra.mongoUrl,
    MONGO_DB: `${h.runId}_notifier`,
  });
  const { docs, pointer } = readModelDocuments(db);
  const deliveriesTotal = async () =>
    (await h.app.get<{ total: number }>('/api/v1/deliveries?pageSize=1')).body.total;
  const delayedJobs = async () => (await escalations.getDelayed()).map((j) => j.id!).sort();

  beforeAll(async () => {
    await mongo.connect();
    await h.start();
    village = await new WebhookSink().start();
    town = await new WebhookSink().start();
    await h.webhook(VILLAGE, village);
    await h.webhook(TOWN, town);
    redis = new Redis(infra.redisUrl, { maxRetriesPerRequest: null });
    escalations = new Queue('escalations', { connection: redis, prefix: h.runId });
  }, 120_000);

  afterAll(async () => {
    await escalations?.close();
    redis?.disconnect();
    await h.stop();
    await village?.stop();
    await town?.stop();
    await mongo.close();
  }, 60_000);

  /** An alert escalated after 10 hours: its first escalation stays pending in the test unless promoted. */
  const raised = (alertId: string) => h.alertRaised(VILLAGE, alertId, { escalateAfterMinutes: 600 });
  /** Every delivery logged has been sent (each alert goes to the village's and the town's channel). */
  const allSent = (alerts: number) =>
    waitFor(
      `${alerts} alerts at both channels`,
      () => village.received.length >= alerts && town.received.length >= alerts,
      { timeoutMs: 60_000, intervalMs: 200 },
    );

  it('rebuilds the alert records without sending anything; escalations then follow the rebuilt records', async () => {
    const alerts = Array.from({ length: ALERTS }, (_, i) => raised(`rp-${String(i).padStart(3, '0')}`));
    const idOf = (a: AlertRaisedV1) => a.data.alertId;
    const acknowledged = alerts.filter((_, i) => i % 4 === 1);
    const resolved = alerts.filter((_, i) => i % 4 === 2);
    const open = alerts.filter((_, i) => i % 4 === 0 || i % 4 === 3);
    await h.publish(...alerts);
    await h.publish(...acknowledged.map((a) => h.alertAcknowledged(a)));
    await h.publish(...resolved.map((a) => h.alertResolved(a)));
    await h.publish(alerts[3]); // a redelivered raise: the alert stays as it was
    await h.caughtUp(Topics.rulesAlerts, 60_000);
    await allSent(ALERTS);

    const before = await docs('alerts');
    expect(before).toHaveLength(ALERTS);
    expect(before.filter((d) => d.status === 'open').map((d) => d._id)).toEqual(open.map(idOf));
    const sentBefore = { village: village.received.length, town: town.received.length };
    const loggedBefore = await deliveriesTotal();
    expect(loggedBefore).toBe(2 * ALERTS);
    const jobsBefore = await delayedJobs();
    expect(jobsBefore).toEqual(open.map((a) => `escalate:${idOf(a)}:1`).sort());

    // the read model is corrupted: a third of the records lost, an open alert marked resolved
    const lost = alerts.filter((_, i) => i % 3 === 0).map(idOf);
    const altered = idOf(open[1]);
    const records = db().collection<Doc>('alerts');
    await records.deleteMany({ _id: { $in: lost } });
    await records.updateOne({ _id: altered }, { $set: { status: 'resolved', resolvedAt: new Date() } });

    // the replay, while the app answers and takes new alerts
    const during = Array.from({ length: DURING }, (_, i) => raised(`rp-during-${i}`));
    const replayed = await replayWhileServing<AlertsReplayResult>(
      'notifier',
      'alerts',
      env(),
      async () => (await h.app.get('/api/v1/deliveries?pageSize=1')).status,
      () => h.publish(...during),
    );
    const { stdout, reads } = replayed;
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    const { result } = replayed;
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(result).toMatchObject({ previous: 'alerts' });
    expect(await pointer('alerts')).toBe(result.collection);

    // the rebuilt records equal those before the loss; the alerts raised during the replay are in them
    const duringIds = during.map(idOf);
    expect(await docs(result.collection, duringIds)).toEqual(before);
    await h.caughtUp(Topics.rulesAlerts, 60_000);
    const rebuilt = await docs(result.collection);
    expect(rebuilt.filter((d) => duringIds.includes(d._id)).map((d) => d.status)).toEqual(
      duringIds.map(() => 'open'),
    );

    // the replay sent nothing and scheduled nothing: only the alerts raised during it were delivered
    await allSent(ALERTS + DURING);
    await waitFor('the deliveries of the alerts raised during the replay logged', async () => {
      return (await deliveriesTotal()) === loggedBefore + 2 * DURING;
    });
    const notDuring = [...village.received, ...town.received].filter(
      (r) => !duringIds.includes(hook(r).alertId),
    );
    expect(notDuring).toHaveLength(sentBefore.village + sentBefore.town);
    expect(village.received).toHaveLength(sentBefore.village + DURING);
    expect(town.received).toHaveLength(sentBefore.town + DURING);
    expect(await delayedJobs()).toEqual([...jobsBefore, ...duringIds.map((id) => `escalate:${id}:1`)].sort());

    // the app goes on writing to the rebuilt records: an alert acknowledged now (one whose record was lost)
    const ackedNow = open.find((a) => lost.includes(idOf(a)))!;
    await h.publish(h.alertAcknowledged(ackedNow));
    await h.caughtUp(Topics.rulesAlerts);
    expect(
      await db()
        .collection<Doc>(result.collection)
        .findOne({ _id: idOf(ackedNow) }),
    ).toMatchObject({
      status: 'acknowledged',
    });
    await waitFor(
      'its pending escalation removed',
      async () => !(await delayedJobs()).includes(`escalate:${idOf(ackedNow)}:1`),
    );

    // what the cadres notice: the escalations that come due go out for the alerts open in the rebuilt
    // records — those whose record was lost, and the one marked resolved, too — and for no other
    const stillOpen = [...open, ...during].map(idOf).filter((id) => id !== idOf(ackedNow));
    expect(stillOpen).toContain(altered);
    expect(stillOpen.filter((id) => lost.includes(id)).length).toBeGreaterThan(5);
    await escalations.promoteJobs();
    const escalated = () =>
      [
        ...new Set(town.received.filter((r) => hook(r).escalationLevel === 1).map((r) => hook(r).alertId)),
      ].sort();
    await waitFor(
      `${stillOpen.length} escalations at the town`,
      () => escalated().length >= stillOpen.length,
      {
        timeoutMs: 60_000,
        intervalMs: 200,
      },
    );
    expect(escalated()).toEqual(stillOpen.sort());
  }, 300_000);

  it('rebuilds the pairings (which cadres, their names) while answering; the API answers as before', async () => {
    const cadre = (n: number) => ({ userId: `u-c${n}`, name: `干部${n}号`, orgUnit: TOWN });
    const households = Array.from({ length: HOUSEHOLDS }, (_, i) => `hh-rp-${String(i).padStart(3, '0')}`);
    const hv = (i: number) => `${TOWN}${String(1 + (i % 3)).padStart(3, '0')}`;
    await h.publishHousehold(...households.map((id, i) => h.pairingChanged(id, hv(i), 1, [cadre(i % 7)])));
    // half re-paired (two cadres); one cadre renamed by a later event; an older version arriving late
    await h.publishHousehold(
      ...households
        .filter((_, i) => i % 2 === 0)
        .map((id, i) => h.pairingChanged(id, hv(i * 2), 2, [cadre((i + 3) % 7), cadre(8)])),
    );
    const renamed = h.pairingChanged(households[1], hv(1), 3, [{ ...cadre(8), name: '干部八号' }]);
    renamed.data.at = new Date(Date.now() + 60_000).toISOString(); // newer than every naming before
    await h.publishHousehold(renamed);
    await h.publishHousehold(h.pairingChanged(households[1], hv(1), 2, [cadre(5)]));
    await h.caughtUp(Topics.households, 60_000);

    const view = async (id: string): Promise<PairingView> => {
      const r = await h.app.get(`/api/v1/pairings/${id}`);
      return { status: r.status, body: r.body };
    };
    const viewsBefore = new Map<string, PairingView>();
    for (const id of households) viewsBefore.set(id, await view(id));
    expect([...viewsBefore.values()].every((v) => v.status === 200)).toBe(true);
    expect(viewsBefore.get(households[0])!.body).toMatchObject({
      version: 2,
      cadres: [{ userId: 'u-c3' }, { userId: 'u-c8', name: '干部八号' }],
    });
    const pairingsBefore = await docs('paired_households');
    const namesBefore = await docs('paired_cadres');
    expect(pairingsBefore).toHaveLength(HOUSEHOLDS);
    expect(namesBefore).toHaveLength(8);
    const loggedBefore = await deliveriesTotal();

    // corrupted: a third of the pairings lost, one household's cadres changed, a name lost and one altered
    const lost = households.filter((_, i) => i % 3 === 0);
    await db()
      .collection<Doc>('paired_households')
      .deleteMany({ _id: { $in: lost } });
    await db()
      .collection<Doc>('paired_households')
      .updateOne({ _id: households[1] }, { $set: { cadreIds: ['u-c0'] } });
    await db().collection<Doc>('paired_cadres').deleteOne({ _id: 'u-c3' });
    await db()
      .collection<Doc>('paired_cadres')
      .updateOne({ _id: 'u-c8' }, { $set: { name: '错名' } });
    expect((await view(lost[1])).status).toBe(404);
    expect(await view(households[1])).not.toEqual(viewsBefore.get(households[1]));

    const during = ['hh-rp-during-0', 'hh-rp-during-1', 'hh-rp-during-2'];
    const replayed = await replayWhileServing<NotifierPairingsReplayResult>(
      'notifier',
      'pairings',
      env(),
      async () => (await view(households[5])).status,
      () => h.publishHousehold(...during.map((id) => h.pairingChanged(id, hv(0), 1, [cadre(9)]))),
    );
    const { stdout, reads } = replayed;
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    const { result } = replayed;
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(await pointer('pairings')).toBe(result.pairings.collection);
    expect(await pointer('paired-cadre-names')).toBe(result.names.collection);

    // the API answers as before the loss, for every household; the documents are those before
    for (const id of households) expect({ id, ...(await view(id)) }).toEqual({ id, ...viewsBefore.get(id) });
    expect(await docs(result.pairings.collection, during)).toEqual(pairingsBefore);
    expect(await docs(result.names.collection, ['u-c9'])).toEqual(namesBefore);
    // the pairings published during the replay arrived
    await h.caughtUp(Topics.households);
    for (const id of during)
      expect((await view(id)).body).toMatchObject({ cadres: [{ userId: 'u-c9', name: '干部9号' }] });

    // the app goes on writing to the rebuilt collections
    await h.publishHousehold(
      h.pairingChanged(lost[1], hv(3), 5, [{ userId: 'u-new', name: '新干部', orgUnit: TOWN }]),
    );
    await h.caughtUp(Topics.households);
    expect((await view(lost[1])).body).toMatchObject({
      version: 5,
      cadres: [{ userId: 'u-new', name: '新干部' }],
    });
    expect(await db().collection<Doc>(result.names.collection).findOne({ _id: 'u-new' })).toMatchObject({
      name: '新干部',
    });
    expect(await deliveriesTotal()).toBe(loggedBefore); // nothing sent
  }, 300_000);
});
