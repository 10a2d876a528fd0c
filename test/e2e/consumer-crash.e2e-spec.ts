import { createEvent, HouseholdIncomeChangedV1, Topics } from '@lib/contracts';
import { MongoClient } from 'mongodb';
import { infra, waitFor } from '@lib/testing';
import { Platform } from './platform';

const HOUSEHOLDS = 300;

/** Monitoring's income change after a survey below the line (rules evaluate income rules on it). */
function surveyBelowLine(i: number) {
  const householdId = `crash-hh-${String(i).padStart(4, '0')}`;
  return createEvent({
    type: HouseholdIncomeChangedV1.type,
    source: 'monitoring',
    subject: householdId,
    townId: '621299101',
    villageId: '621299101201',
    data: {
      householdId,
      townCode: '621299101',
      villageCode: '621299101201',
      month: '2026-10',
      asOf: new Date().toISOString(),
      income: { wage: 3000, business: 0, property: 0, transfer: 1000, businessCosts: 0 },
      netIncome: 4000,
      residentMembers: 1,
      perCapitaNetIncome: 4000,
      previousPerCapitaNetIncome: null,
      monthOverMonthChange: null,
      yearOverYearChange: null,
      cause: { kind: 'survey', id: `crash-s-${i}` },
      lastSurveyId: `crash-s-${i}`,
    },
  });
}

/**
 * kill -9 of the rules app in the middle of a stream of surveys: after a restart every household
 * has exactly one alert and the robot got exactly one message per alert — nothing lost, nothing twice.
 */
describe('rules killed mid-stream', () => {
  const platform = new Platform();

  beforeAll(() => platform.start(['rules', 'notifier']), 120_000);
  afterAll(() => platform.stop(), 60_000);

  it('loses nothing and doubles nothing', async () => {
    const { apps, kafka, sink } = platform;
    const events = Array.from({ length: HOUSEHOLDS }, (_, i) => surveyBelowLine(i));
    const send = (batch: typeof events) =>
      kafka.send(
        platform.topic(Topics.monitoring),
        batch.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
      );
    // the first 50, and once their first alerts exist the other 250 (acknowledged by the broker), then the kill:
    // rules' batched consumer drains 300 in one go, so a single send could be done before any kill landed
    await send(events.slice(0, 50));
    await waitFor(
      'the first alerts',
      async () => (await apps.rules.get<{ total: number }>('/api/v1/alerts?pageSize=1')).body.total > 0,
      { intervalMs: 20 },
    );
    await send(events.slice(50));
    // killed at once (rules writes the 250 in a fraction of a second now; asking its API first took
    // long enough for all of them); what it had written is counted in its database once it is dead
    await apps.rules.kill();
    const db = new MongoClient(infra.mongoUrl);
    const alertsAtKill = await db
      .connect()
      .then((c) => c.db(`${platform.runId}_rules`).collection('alerts').countDocuments({}))
      .finally(() => db.close());
    // the kill landed while work was in flight: alerts existed, and not all of them
    expect(alertsAtKill).toBeGreaterThan(0);
    expect(alertsAtKill).toBeLessThan(HOUSEHOLDS);
    await apps.rules.start();

    await kafka.waitForNoLag(platform.group('rules'), platform.topic(Topics.monitoring), 90_000);
    await kafka.waitForNoLag(platform.group('notifier'), platform.topic(Topics.rulesAlerts), 90_000);
    await waitFor('a message per household', () => sink.received.length >= HOUSEHOLDS, { timeoutMs: 60_000 });

    const alerts = await apps.rules.get<{ total: number; items: Array<{ subjectId: string }> }>(
      '/api/v1/alerts?pageSize=500',
    );
    expect(alerts.body.total).toBe(HOUSEHOLDS);
    expect(new Set(alerts.body.items.map((a) => a.subjectId)).size).toBe(HOUSEHOLDS);
    const keys = sink.received.map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(HOUSEHOLDS);
    expect(sink.received).toHaveLength(HOUSEHOLDS);
    console.log(
      `killed rules with ${alertsAtKill}/${HOUSEHOLDS} alerts raised; after restart: ${alerts.body.total} alerts, ${sink.received.length} messages`,
    );
  }, 240_000);
});
