import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Topics } from '@lib/contracts';
import { infra, ReceivedRequest, waitFor, WebhookSink } from '@lib/testing';
import { deduped, NotifierHarness } from './harness';

/** One escalation "minute" (ESCALATION_MINUTE_MS): a drill where a minute lasts a second. */
const MINUTE_MS = 1_000;
const COUNTY = '621299';

interface Hook {
  alertId: string;
  title: string;
  text: string;
  escalationLevel?: number;
}
const hook = (r: ReceivedRequest) => r.json as Hook;

/** What a webhook sink received for one alert: the alert itself (level 0) or an escalation level. */
const of = (sink: WebhookSink, alertId: string, level = 0) =>
  sink.received.filter((r) => hook(r).alertId === alertId && (hook(r).escalationLevel ?? 0) === level);
const escalationsOf = (sink: WebhookSink, alertId: string) =>
  sink.received.filter((r) => hook(r).alertId === alertId && hook(r).escalationLevel);

type DeliveryPage = {
  total: number;
  items: Array<{ kind: string; escalationLevel: number; escalatedTo: string | null; status: string }>;
};

/**
 * Escalation (升级提醒): an alert nobody acknowledged within its rule's time goes again to the town's
 * channels, then the county's, each once; acknowledging or resolving it in time cancels that; a
 * redelivered alert schedules nothing twice; a restart of the notifier loses no pending escalation.
 */
describe('notifier: escalation of unacknowledged alerts (real Kafka, FerretDB, Redis)', () => {
  const h = new NotifierHarness({
    ESCALATION_MINUTE_MS: String(MINUTE_MS),
    ESCALATION_DEFAULT_MINUTES_HIGH: '2',
    ESCALATION_DEFAULT_MINUTES_MEDIUM: '0',
    DELIVERY_BACKOFF_MS: '50',
    DELIVERY_TIMEOUT_MS: '2000',
  });
  const sinks: WebhookSink[] = [];
  let county: WebhookSink;
  let redis: Redis;
  let escalations: Queue;

  const newSink = async () => {
    const s = await new WebhookSink().start();
    sinks.push(s);
    return s;
  };

  /** A town with a webhook channel of its own and one of its village's. */
  async function town(townCode: string) {
    const villageCode = `${townCode}001`;
    const village = await newSink();
    const townSink = await newSink();
    await h.webhook(villageCode, village);
    await h.webhook(townCode, townSink);
    return { villageCode, village, town: townSink };
  }

  const arrives = (what: string, sink: WebhookSink, alertId: string, level = 0) =>
    waitFor(`${what} (${alertId}, level ${level})`, () => of(sink, alertId, level).length > 0, {
      timeoutMs: 30_000,
      intervalMs: 50,
    });

  const jobOf = (alertId: string, level: number) => escalations.getJob(`escalate:${alertId}:${level}`);

  beforeAll(async () => {
    await h.start();
    county = await newSink();
    await h.webhook(COUNTY, county);
    redis = new Redis(infra.redisUrl, { maxRetriesPerRequest: null });
    escalations = new Queue('escalations', { connection: redis, prefix: h.runId });
  }, 90_000);

  afterAll(async () => {
    await escalations?.close();
    redis?.disconnect();
    await h.stop();
    await Promise.all(sinks.map((s) => s.stop()));
  });

  it('an unacknowledged alert goes to the town after its time, then to the county, each once', async () => {
    const t = await town('621299201');
    const started = Date.now();
    const a = h.alertRaised(t.villageCode, 'esc-201-a', { escalateAfterMinutes: 2 });
    const byDefault = h.alertRaised(t.villageCode, 'esc-201-high', { severity: 'high' }); // default 2
    const never = h.alertRaised(t.villageCode, 'esc-201-medium'); // medium default 0: never
    await h.publish(a, byDefault, never);

    await arrives('the alert at the village', t.village, 'esc-201-a');
    await arrives('the county escalation', county, 'esc-201-a', 2);
    await arrives('the default-time escalation', t.town, 'esc-201-high', 1);

    const toTown = of(t.town, 'esc-201-a', 1);
    expect(toTown).toHaveLength(1);
    expect(toTown[0].at).toBeGreaterThanOrEqual(started + 2 * MINUTE_MS);
    expect(hook(toTown[0]).title).toBe('【升级提醒】人均纯收入低于监测范围');
    expect(hook(toTown[0]).text).toContain('超过2分钟未确认处理，已升级至乡镇（第1级）');
    const toCounty = escalationsOf(county, 'esc-201-a');
    expect(toCounty).toHaveLength(1);
    expect(hook(toCounty[0]).escalationLevel).toBe(2);
    expect(hook(toCounty[0]).text).toContain('超过4分钟未确认处理，已升级至县级');
    expect(toCounty[0].at).toBeGreaterThanOrEqual(started + 4 * MINUTE_MS);
    expect(escalationsOf(t.village, 'esc-201-a')).toHaveLength(0); // never back down to the village
    expect(escalationsOf(t.town, 'esc-201-a')).toHaveLength(1);
    expect(await jobOf('esc-201-a', 3)).toBeUndefined(); // the county is the top: stop there
    expect(await jobOf('esc-201-medium', 1)).toBeUndefined();
    expect(escalationsOf(t.town, 'esc-201-medium')).toHaveLength(0);

    // the delivery log: escalations filterable by kind and level, counted per level
    const logged = await waitFor('both escalations logged as delivered', async () => {
      const r = await h.app.get<DeliveryPage>('/api/v1/deliveries?alertId=esc-201-a&kind=escalation');
      return r.body.total === 2 && r.body.items.every((d) => d.status === 'delivered') && r.body.items;
    });
    expect(logged.map((d) => [d.escalationLevel, d.escalatedTo]).sort()).toEqual([
      [1, 'town'],
      [2, 'county'],
    ]);
    const level1 = await h.app.get<DeliveryPage>('/api/v1/deliveries?alertId=esc-201-a&level=1');
    expect(level1.body.items).toEqual([expect.objectContaining({ kind: 'escalation', escalatedTo: 'town' })]);
    const originals = await h.app.get<DeliveryPage>('/api/v1/deliveries?alertId=esc-201-a&kind=alert');
    expect(originals.body.total).toBe(2); // the village's and the town's channel
    const counts = await h.app.get<{ escalations: Array<{ level: number; status: string; count: number }> }>(
      '/api/v1/deliveries/counts?townCode=621299201',
    );
    expect(counts.body.escalations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 1, escalatedTo: 'town', status: 'delivered' }),
        expect.objectContaining({ level: 2, escalatedTo: 'county', status: 'delivered' }),
      ]),
    );
    expect((await h.app.get('/api/v1/deliveries?kind=urgent')).status).toBe(400);
  }, 60_000);

  for (const how of ['acknowledged', 'resolved'] as const) {
    it(`an alert ${how} before its time is not escalated`, async () => {
      const t = await town(how === 'acknowledged' ? '621299202' : '621299203');
      const label = `esc-${how}`;
      const a = h.alertRaised(t.villageCode, `${label}-a`, { escalateAfterMinutes: 3 });
      await h.publish(a);
      await arrives('the alert at the village', t.village, a.data.alertId);
      expect(await (await jobOf(a.data.alertId, 1))?.getState()).toBe('delayed');

      await h.publish(how === 'acknowledged' ? h.alertAcknowledged(a) : h.alertResolved(a));
      await waitFor('the pending escalation removed', async () => !(await jobOf(a.data.alertId, 1)), {
        timeoutMs: 15_000,
        intervalMs: 50,
      });

      // a later alert of the same village escalates after A's time had passed: by then A would have
      const b = h.alertRaised(t.villageCode, `${label}-b`, { escalateAfterMinutes: 3 });
      await h.publish(b);
      await arrives("the later alert's escalation", t.town, b.data.alertId, 1);
      await arrives("the later alert's county escalation", county, b.data.alertId, 2);
      expect(escalationsOf(t.town, a.data.alertId)).toHaveLength(0);
      expect(escalationsOf(county, a.data.alertId)).toHaveLength(0);
      const logged = await h.app.get<DeliveryPage>(
        `/api/v1/deliveries?alertId=${a.data.alertId}&kind=escalation`,
      );
      expect(logged.body.total).toBe(0);
    }, 60_000);
  }

  it('a redelivered alert.raised schedules and sends its escalations once', async () => {
    const t = await town('621299204');
    const a = h.alertRaised(t.villageCode, 'esc-redelivered', { escalateAfterMinutes: 2 });
    await h.publish(a, a); // the same event twice
    await arrives('the alert at the village', t.village, a.data.alertId);
    const delayed = (await escalations.getDelayed()).filter((j) => j.data.alertId === a.data.alertId);
    expect(delayed.map((j) => j.id)).toEqual([`escalate:${a.data.alertId}:1`]);

    await arrives('the town escalation', t.town, a.data.alertId, 1);
    await h.publish(a); // redelivered once more after the escalation ran
    await h.kafka.waitForNoLag(`${h.prefix}notifier`, `${h.prefix}${Topics.rulesAlerts}`);
    await arrives('the county escalation', county, a.data.alertId, 2);
    // a positive signal well after the redelivery: a later alert's own escalation
    const later = h.alertRaised(t.villageCode, 'esc-redelivered-later', { escalateAfterMinutes: 1 });
    await h.publish(later);
    await arrives("the later alert's escalation", t.town, later.data.alertId, 1);

    expect(of(t.village, a.data.alertId)).toHaveLength(1);
    expect(escalationsOf(t.town, a.data.alertId)).toHaveLength(1);
    expect(escalationsOf(county, a.data.alertId)).toHaveLength(1);
  }, 60_000);

  it('an escalation pending while the notifier is killed (kill -9) still goes out, once', async () => {
    const t = await town('621299205');
    const a = h.alertRaised(t.villageCode, 'esc-restart', { escalateAfterMinutes: 3 });
    await h.publish(a);
    await arrives('the alert at the village', t.village, a.data.alertId);
    await h.app.kill();
    expect(await (await jobOf(a.data.alertId, 1))?.getState()).toBe('delayed'); // kept in Redis
    await h.app.start();

    await arrives('the town escalation after the restart', t.town, a.data.alertId, 1);
    await arrives('the county escalation after the restart', county, a.data.alertId, 2);
    expect(escalationsOf(t.town, a.data.alertId)).toHaveLength(1);
    expect(escalationsOf(county, a.data.alertId)).toHaveLength(1);
    expect(deduped(of(t.village, a.data.alertId))).toHaveLength(1);
  }, 90_000);
});
