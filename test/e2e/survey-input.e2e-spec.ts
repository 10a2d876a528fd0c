import { Topics } from '@lib/contracts';
import { waitFor } from '@lib/testing';
import { aHousehold, aSurvey, Platform } from './platform';

interface Problem {
  field: string;
  reason: string;
}

/** Bad input gets a 400 naming the field and the reason, and changes nothing. */
describe('survey input validation', () => {
  const platform = new Platform();
  let householdId: string;

  beforeAll(async () => {
    await platform.start(['households', 'monitoring']);
    const created = await platform.apps.households.post<{ id: string }>(
      '/api/v1/households',
      aHousehold('0201'),
    );
    householdId = created.body.id;
    await waitFor(
      'monitoring to know the household',
      async () =>
        (await platform.apps.monitoring.get(`/api/v1/monitored-households/${householdId}`)).status === 200,
    );
  }, 120_000);

  afterAll(() => platform.stop(), 60_000);

  const cases: Array<[string, () => Record<string, unknown>, string]> = [
    [
      'negative wage income',
      () => aSurvey(householdId, { income: { wage: -100, business: 0, property: 0, transfer: 0 } }),
      'income.wage',
    ],
    [
      'negative transfer income',
      () => aSurvey(householdId, { income: { wage: 0, business: 0, property: 0, transfer: -1 } }),
      'income.transfer',
    ],
    ['an unknown household', () => aSurvey('00000000-0000-4000-8000-000000000000'), 'householdId'],
    ['a household id that is not an id', () => aSurvey('abc'), 'householdId'],
    [
      'a missing month',
      () => {
        const s = aSurvey(householdId);
        delete (s as Record<string, unknown>).month;
        return s;
      },
      'month',
    ],
    [
      'a missing income',
      () => {
        const s = aSurvey(householdId);
        delete (s as Record<string, unknown>).income;
        return s;
      },
      'income',
    ],
    [
      'a missing resident count',
      () => {
        const s = aSurvey(householdId);
        delete (s as Record<string, unknown>).residentMembers;
        return s;
      },
      'residentMembers',
    ],
    ['a month that does not exist', () => aSurvey(householdId, { month: '2026-13' }), 'month'],
    [
      'income with three decimals',
      () => aSurvey(householdId, { income: { wage: 1.234, business: 0, property: 0, transfer: 0 } }),
      'income.wage',
    ],
    ['an unexpected field', () => aSurvey(householdId, { bonus: 5 }), ''],
    [
      'a query operator smuggled in as an id',
      () => aSurvey(householdId, { householdId: { $ne: null } }),
      'householdId.$ne',
    ],
  ];

  it.each(cases)('rejects %s with a 400 naming %s', async (_label, body, field) => {
    const res = await platform.apps.monitoring.post<{ message: string; problems: Problem[] }>(
      '/api/v1/surveys',
      body(),
    );
    expect(res.status).toBe(400);
    expect(res.body.problems.length).toBeGreaterThan(0);
    if (field) expect(res.body.problems.map((p) => p.field)).toContain(field);
    for (const p of res.body.problems) expect(p.reason.length).toBeGreaterThan(0);
  });

  it('changed nothing: no survey stored, no survey event published', async () => {
    const list = await platform.apps.monitoring.get<{ total: number }>(
      `/api/v1/surveys?householdId=${householdId}`,
    );
    expect(list.body.total).toBe(0);
    // (monitoring also publishes other facts on its topic, e.g. the seeded thresholds)
    const events = (await platform.kafka.readAll(platform.topic(Topics.monitoring))).filter((m) =>
      /^(survey|household-income)\./.test(String(m.headers?.['ce-type'] ?? '')),
    );
    expect(events).toHaveLength(0);
  });

  it('rejects a second survey of the same household and month with 409', async () => {
    expect((await platform.apps.monitoring.post('/api/v1/surveys', aSurvey(householdId))).status).toBe(201);
    const again = await platform.apps.monitoring.post<{ problems: Problem[] }>(
      '/api/v1/surveys',
      aSurvey(householdId),
    );
    expect(again.status).toBe(409);
    expect(again.body.problems[0].field).toBe('month');
  });
});
