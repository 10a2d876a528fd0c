import { waitFor } from '@lib/testing';
import { crossesHop } from '../hops/cross';
import { aSurvey, Platform } from './platform';

/** Each step is a Kafka round trip (monitoring → itself → rules): slow on a loaded machine. */
const HOP = { timeoutMs: 60_000 };

interface AlertView {
  id: string;
  ruleId: string;
  status: string;
  message: string;
  resolution: string | null;
  explanation: Array<{ name: string; label: string; value: unknown }>;
}

interface ForecastView {
  baseMonth: string;
  current: number;
  line: number | null;
  atRisk: boolean;
  months: Array<{ month: string; expected: number; lower: number; upper: number }>;
  reasons: Array<{ code: string; text: string; effect: number }>;
  history: Array<{ month: string; perCapitaNetIncome: number | null }>;
}

/**
 * Issue #23 on the real stack (households, monitoring, rules over Kafka and FerretDB): three months of
 * falling wages for a household still above the line (6,000 per person in 2026 for this county) make
 * monitoring's forecast go under the line within 3 months; rules raise exactly one trend alert
 * (income-forecast-below-line) with its reasons; a recovery survey resolves it by itself.
 */
describe('early warning by trend (收入趋势预警)', () => {
  const platform = new Platform();
  let householdId: string;

  beforeAll(async () => {
    await platform.start(['households', 'monitoring', 'rules']);
    householdId = await platform.registerMonitoredHousehold('HH-TREND-1');
  }, 180_000);

  afterAll(() => platform.stop());

  const survey = async (month: string, wage: number) => {
    const res = await platform.apps.monitoring.post('/api/v1/surveys', {
      ...aSurvey(householdId, { month, visitedAt: `${month}-15T02:00:00.000Z` }),
      income: { wage, business: 0, property: 0, transfer: 0, businessCosts: 0 },
      residentMembers: 2,
    });
    expect(res.status).toBe(201);
  };
  const forecast = async () =>
    (
      await platform.apps.monitoring.get<ForecastView>(
        `/api/v1/monitored-households/${householdId}/income-forecast`,
      )
    ).body;
  const trendAlerts = async () =>
    (
      await platform.apps.rules.get<{ items: AlertView[] }>(
        `/api/v1/alerts?subjectId=${householdId}&ruleId=income-forecast-below-line`,
      )
    ).body.items;
  const allAlerts = async () =>
    (await platform.apps.rules.get<{ items: AlertView[] }>(`/api/v1/alerts?subjectId=${householdId}`)).body
      .items;

  it('three months of falling wages, still above the line, raise exactly one trend alert with its reasons', async () => {
    // per person: 9,000 (June), then 8,200, 7,400, 6,600 — every figure above the 6,000 line
    await survey('2026-06', 18000);
    await waitFor('the first forecast', async () => (await forecast())?.baseMonth === '2026-06', HOP);
    await survey('2026-07', 16400);
    await waitFor('the July forecast', async () => (await forecast())?.baseMonth === '2026-07', HOP);
    await survey('2026-08', 14800);
    await waitFor('the August forecast', async () => (await forecast())?.baseMonth === '2026-08', HOP);
    expect(await trendAlerts()).toEqual([]); // 7,400 falling 400 a month (half the trend): 6,200 by November
    await survey('2026-09', 13200);
    const items = await waitFor(
      'the trend alert',
      async () => {
        const list = await trendAlerts();
        return list.length > 0 ? list : undefined;
      },
      HOP,
    );
    expect(items).toHaveLength(1);
    expect(items[0].status).toBe('open');
    expect(items[0].message).toContain('工资性收入连续3个月下降 27%');
    expect(items[0].message).toContain('6000');
    const explained = Object.fromEntries(items[0].explanation.map((e) => [e.name, e.value]));
    expect(explained.forecastReasons).toBe('工资性收入连续3个月下降 27%');
    expect(explained['forecast.forecastExpected.next3Months']).toBe(
      '2026-10:6200, 2026-11:5800, 2026-12:5400',
    );
    expect(typeof explained.forecastSigma).toBe('number');

    // monitoring's view: the forecast, the line, the history, and the household among those at risk
    const f = await forecast();
    expect(f).toMatchObject({ baseMonth: '2026-09', current: 6600, line: 6000, atRisk: true });
    expect(f.months.map((m) => m.expected)).toEqual([6200, 5800, 5400]);
    expect(f.reasons[0]).toMatchObject({
      code: 'trend_wage',
      text: '工资性收入连续3个月下降 27%',
      effect: -1200,
    });
    expect(f.history.map((h) => h.perCapitaNetIncome)).toEqual([9000, 8200, 7400, 6600]);
    const atRisk = await platform.apps.monitoring.get<{ items: Array<{ id?: string; _id?: string }> }>(
      '/api/v1/income-forecasts/at-risk',
    );
    expect(atRisk.status).toBe(200);
    expect(JSON.stringify(atRisk.body.items)).toContain(householdId);
    // today's rule does not see it yet: no income-below-line alert
    expect((await allAlerts()).filter((a) => a.ruleId === 'income-below-line')).toEqual([]);
  }, 300_000);

  it('a recovery survey resolves it by itself', async () => {
    await survey('2026-10', 18000);
    const items = await waitFor(
      'the trend alert to resolve',
      async () => {
        const list = await trendAlerts();
        return list[0]?.status === 'resolved' ? list : undefined;
      },
      HOP,
    );
    expect(items).toHaveLength(1);
    expect(items[0].resolution).toBe('auto');
    const f = await forecast();
    expect(f).toMatchObject({ baseMonth: '2026-10', atRisk: false });
  }, 120_000);

  it('crossed the hop: monitoring → rules (the forecast)', async () => {
    await crossesHop('monitoring', 'rules', 'household-income.forecast.v1', platform);
  });
});
