import { Topics } from '@lib/contracts';
import { waitFor } from '@lib/testing';
import { aHousehold, aSurvey, Platform } from './platform';

interface Page<T> {
  items: T[];
  total: number;
}
interface AlertView {
  id: string;
  subjectId: string;
  ruleId: string;
  status: string;
  message: string;
  explanation: Array<{ name: string; value: unknown }>;
}

/**
 * One household's risk travels the whole platform: registry → monitoring → rules → notifier,
 * four processes, real Kafka, FerretDB and Redis.
 */
describe('walking skeleton: a survey below the line becomes one alert and one message', () => {
  const platform = new Platform();
  let householdId: string;

  beforeAll(async () => {
    await platform.start();
  }, 120_000);

  afterAll(async () => {
    await platform.stop();
  }, 60_000);

  async function registerKnownHousehold(number: string) {
    const { apps } = platform;
    const created = await apps.households.post<{ id: string }>('/api/v1/households', aHousehold(number));
    expect(created.status).toBe(201);
    const id = created.body.id;
    await waitFor(
      'monitoring to know the household',
      async () => (await apps.monitoring.get(`/api/v1/monitored-households/${id}`)).status === 200,
    );
    return id;
  }

  it('raises exactly one alert and posts exactly one message, within seconds', async () => {
    const { apps, sink } = platform;
    householdId = await registerKnownHousehold('0101');

    const started = Date.now();
    // (6000 + 1500 + 0 + 2400 − 500) / 2 = 4700 per person, below the 6,000 line
    const survey = await apps.monitoring.post<{ id: string; perCapitaNetIncome: number }>(
      '/api/v1/surveys',
      aSurvey(householdId),
    );
    expect(survey.status).toBe(201);
    expect(survey.body.perCapitaNetIncome).toBe(4700);

    const alerts = await waitFor('the alert', async () => {
      const r = await apps.rules.get<Page<AlertView>>(`/api/v1/alerts?subjectId=${householdId}`);
      return r.body.total > 0 ? r.body : undefined;
    });
    await waitFor('the webhook POST', () => sink.received.length > 0);
    const seconds = (Date.now() - started) / 1000;
    console.log(`survey → alert → webhook in ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(15);

    expect(alerts.items).toHaveLength(1);
    const alert = alerts.items[0];
    expect(alert).toMatchObject({ ruleId: 'income-below-line', status: 'open' });
    expect(alert.message).toContain('4700');
    expect(alert.explanation).toContainEqual(expect.objectContaining({ name: 'threshold', value: 6000 }));

    expect(sink.received).toHaveLength(1);
    expect(sink.received[0].json).toMatchObject({ alertId: alert.id, title: '人均纯收入低于监测范围' });
    expect(sink.received[0].headers['idempotency-key']).toBeDefined();

    await waitFor('the delivery to be logged as delivered', async () => {
      const r = await apps.notifier.get<Page<{ status: string }>>(`/api/v1/deliveries?alertId=${alert.id}`);
      return r.body.items[0]?.status === 'delivered';
    });
  });

  it('a redelivered survey event raises no second alert and sends nothing twice', async () => {
    const { apps, sink, kafka } = platform;
    const records = await kafka.readAll(platform.topic(Topics.monitoring));
    const original = records.find((m) => JSON.parse(m.value!.toString()).subject === householdId)!;
    expect(original).toBeDefined();

    await kafka.send(platform.topic(Topics.monitoring), [
      { key: original.key!.toString(), value: original.value },
      { key: original.key!.toString(), value: original.value },
    ]);
    await kafka.waitForNoLag(platform.group('rules'), platform.topic(Topics.monitoring));
    await kafka.waitForNoLag(platform.group('notifier'), platform.topic(Topics.rulesAlerts));

    const alerts = await apps.rules.get<Page<AlertView>>(`/api/v1/alerts?subjectId=${householdId}`);
    expect(alerts.body.total).toBe(1);
    expect(sink.received).toHaveLength(1);
  });

  it('a redelivered alert event sends nothing twice', async () => {
    const { sink, kafka, apps } = platform;
    const alerts = await kafka.readAll(platform.topic(Topics.rulesAlerts));
    expect(alerts).toHaveLength(1);
    await kafka.send(platform.topic(Topics.rulesAlerts), [
      { key: alerts[0].key!.toString(), value: alerts[0].value },
    ]);
    await kafka.waitForNoLag(platform.group('notifier'), platform.topic(Topics.rulesAlerts));
    const deliveries = await apps.notifier.get<Page<{ status: string }>>('/api/v1/deliveries');
    expect(deliveries.body.total).toBe(1);
    expect(sink.received).toHaveLength(1);
  });

  it('a survey back above the line resolves the alert by itself', async () => {
    const { apps } = platform;
    const next = await apps.monitoring.post(
      '/api/v1/surveys',
      aSurvey(householdId, {
        month: '2026-11',
        income: { wage: 14000, business: 0, property: 0, transfer: 0, businessCosts: 0 },
      }),
    );
    expect(next.status).toBe(201);
    await waitFor('the alert to resolve', async () => {
      const r = await apps.rules.get<Page<AlertView>>(`/api/v1/alerts?subjectId=${householdId}`);
      return r.body.items[0]?.status === 'resolved';
    });
  });
});
