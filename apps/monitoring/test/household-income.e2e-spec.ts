import { randomUUID } from 'node:crypto';
import { CloudEvent, createEvent, deadLetterTopic, ProjectDistributionPaidV1, Topics } from '@lib/contracts';
import { waitFor } from '@lib/testing';
import { MonitoringHarness } from './coverage-harness';

type Data = Record<string, unknown>;
interface HouseholdView {
  currentIncome: {
    month: string;
    income: Record<string, number>;
    netIncome: number;
    perCapitaNetIncome: number | null;
    monthOverMonthChange: number | null;
    yearOverYearChange: number | null;
    sources: { survey: { surveyId: string }; payments: Array<{ distributionId: string; amount: number }> };
  } | null;
  paymentsNotCounted: Array<{ distributionId: string }>;
  incomeHistory: Array<{ month: string; perCapitaNetIncome: number | null }>;
}

const VILLAGE = '621299101203';

/**
 * 收入台账: a household's income is its latest survey plus the project payments made after that visit.
 * Payments arrive as project.distribution-paid.v1 on projects.events.v1 (produced here as the projects
 * app would); each distributionId counts once, however often it is delivered.
 */
describe('household income', () => {
  const h = new MonitoringHarness();
  let householdId: string;

  beforeAll(async () => {
    await h.start();
    [householdId] = await h.registerHouseholds([
      { villageCode: VILLAGE, householdNumber: '0301', registeredAt: '2025-01-05T00:00:00Z' },
    ]);
    await waitFor(
      'monitoring to know the household',
      async () => (await h.app.get(`/api/v1/monitored-households/${householdId}`)).status === 200,
    );
  }, 120_000);

  afterAll(() => h.stop(), 60_000);

  async function incomeEvents(min: number): Promise<Array<CloudEvent<string, Data>>> {
    return waitFor(`${min} household-income.changed.v1`, async () => {
      const found = (await h.kafka.readAll(h.topic(Topics.monitoring)))
        .map((m) => JSON.parse(m.value!.toString()) as CloudEvent<string, Data>)
        .filter((e) => e.type === 'household-income.changed.v1' && e.subject === householdId);
      return found.length >= min ? found : undefined;
    });
  }

  const view = async () =>
    (await h.app.get<HouseholdView>(`/api/v1/monitored-households/${householdId}`)).body;

  function distribution(distributionId: string, amount: number, paidOn: string, kind = 'dividend') {
    return createEvent({
      type: ProjectDistributionPaidV1.type,
      source: 'projects',
      subject: householdId,
      townId: VILLAGE.slice(0, 9),
      villageId: VILLAGE,
      data: {
        distributionId,
        projectId: 'proj-tea-1',
        projectName: '茶叶种植合作社',
        householdId,
        townCode: VILLAGE.slice(0, 9),
        villageCode: VILLAGE,
        kind,
        amount,
        paidOn,
        recordedBy: '乡镇干部 周平',
      },
    });
  }

  async function produce(...events: unknown[]) {
    await h.kafka.send(
      h.topic(Topics.projects),
      events.map((e) => ({ key: householdId, value: typeof e === 'string' ? e : JSON.stringify(e) })),
    );
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.projects));
  }

  async function survey(month: string, visitedAt: string, wage: number) {
    const res = await h.app.post<{ id: string }>('/api/v1/surveys', {
      householdId,
      month,
      visitedAt,
      visitor: '驻村工作队 张明',
      income: { wage, business: 0, property: 0, transfer: 0, businessCosts: 0 },
      residentMembers: 3,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  let lastYearSurvey: string;
  let octoberSurvey: string;

  it('before any survey, a payment is kept but the income is unknown (no figure, no event)', async () => {
    await produce(distribution('dist-early', 800, '2025-10-01'));
    const v = await view();
    expect(v.currentIncome).toBeNull();
    expect(v.paymentsNotCounted.map((p) => p.distributionId)).toEqual(['dist-early']);
  });

  it('a survey sets the figure, with the change against the month before', async () => {
    lastYearSurvey = await survey('2025-11', '2025-11-10T02:00:00Z', 9000); // 9000 / 3 = 3000
    octoberSurvey = await survey('2026-10', '2026-10-15T02:00:00Z', 12000); // 12000 / 3 = 4000
    const [first, second] = await incomeEvents(2);
    expect(first.data).toMatchObject({
      perCapitaNetIncome: 3000,
      previousPerCapitaNetIncome: null,
      lastSurveyId: lastYearSurvey,
    });
    // September 2026 still stood at last year's 3000: (4000 − 3000) / 3000
    expect(second.data).toMatchObject({
      month: '2026-10',
      perCapitaNetIncome: 4000,
      previousPerCapitaNetIncome: 3000,
      monthOverMonthChange: 0.3333,
      yearOverYearChange: null,
      cause: { kind: 'survey', id: octoberSurvey },
    });
  });

  it('counts a distribution once: redelivered, and again under a new event id', async () => {
    const paid = distribution('dist-001', 1500, '2026-11-02');
    const sameIdAgain = { ...distribution('dist-001', 1500, '2026-11-02'), id: randomUUID() };
    await produce(paid, paid, sameIdAgain);

    const events = await incomeEvents(3);
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.projects));
    const fromDistribution = (await incomeEvents(3)).filter(
      (e) => (e.data.cause as { kind: string }).kind === 'project-distribution',
    );
    expect(events.length).toBe(3);
    expect(fromDistribution).toHaveLength(1);
    // (12000 + 1500 dividend as property income) / 3 = 4500; vs October 4000 and November last year 3000
    expect(fromDistribution[0].data).toMatchObject({
      month: '2026-11',
      income: { wage: 12000, business: 0, property: 1500, transfer: 0, businessCosts: 0 },
      netIncome: 13500,
      perCapitaNetIncome: 4500,
      previousPerCapitaNetIncome: 4000,
      monthOverMonthChange: 0.125,
      yearOverYearChange: 0.5,
      cause: { kind: 'project-distribution', id: 'dist-001' },
      lastSurveyId: octoberSurvey,
    });

    const v = await view();
    expect(v.currentIncome).toMatchObject({
      month: '2026-11',
      netIncome: 13500,
      perCapitaNetIncome: 4500,
      income: { property: 1500 },
      sources: {
        survey: { surveyId: octoberSurvey },
        payments: [{ distributionId: 'dist-001', amount: 1500 }],
      },
    });
    expect(v.incomeHistory.slice(-3)).toEqual([
      expect.objectContaining({ month: '2026-09', perCapitaNetIncome: 3000 }),
      expect.objectContaining({ month: '2026-10', perCapitaNetIncome: 4000 }),
      expect.objectContaining({ month: '2026-11', perCapitaNetIncome: 4500 }),
    ]);
  });

  it('a payment made before the last visit is already in that survey: no change', async () => {
    await produce(distribution('dist-before-visit', 600, '2026-10-14', 'wage'));
    const v = await view();
    expect(v.currentIncome?.perCapitaNetIncome).toBe(4500);
    expect(v.paymentsNotCounted.map((p) => p.distributionId)).toContain('dist-before-visit');
    expect(await incomeEvents(3)).toHaveLength(3);
  });

  it('a malformed distribution goes to the dead-letter topic and the consumer carries on', async () => {
    const bad = distribution('dist-bad', 100, '2026-11-05');
    (bad.data as { amount: number }).amount = -100;
    await produce(bad, distribution('dist-002', 300, '2026-11-06', 'wage'));
    const dead = await waitFor('the dead letter', async () => {
      const r = await h.kafka.readAll(h.topic(deadLetterTopic(Topics.projects)));
      return r.length > 0 ? r : undefined;
    });
    expect(dead).toHaveLength(1);
    const [, , , fourth] = await incomeEvents(4);
    // (12300 + 1500) / 3 = 4600
    expect(fourth.data).toMatchObject({ perCapitaNetIncome: 4600, cause: { id: 'dist-002' } });
  });

  it('a later survey includes what was paid before its visit', async () => {
    const november = await survey('2026-11', '2026-11-20T02:00:00Z', 15000); // 5000
    const events = await incomeEvents(5);
    expect(events[4].data).toMatchObject({
      month: '2026-11',
      income: { wage: 15000, property: 0 },
      perCapitaNetIncome: 5000,
      previousPerCapitaNetIncome: 4600,
      // vs October's 4000 and November last year's 3000
      monthOverMonthChange: 0.25,
      yearOverYearChange: 0.6667,
      lastSurveyId: november,
    });
    const v = await view();
    expect(v.currentIncome?.sources.payments).toEqual([]);
    expect(v.incomeHistory.at(-1)).toMatchObject({ month: '2026-11', perCapitaNetIncome: 5000 });
    expect(v.incomeHistory[0]).toMatchObject({ month: '2025-11', perCapitaNetIncome: 3000 });
  });
});
