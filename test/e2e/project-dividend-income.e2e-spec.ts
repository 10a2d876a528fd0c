import { waitFor } from '@lib/testing';
import { crossesHop } from '../hops/cross';
import { aHousehold, aSurvey, Platform } from './platform';

interface AlertView {
  id: string;
  status: string;
  resolution: string | null;
}
interface IncomeView {
  perCapitaNetIncome: number | null;
}

/**
 * Issue #6 across the platform: a dividend (分红) a project pays a household below the line is household
 * income — monitoring counts it once, its per-capita income rises above the line, and rules resolve the
 * income alert by themselves.
 */
describe('a project dividend raises household income and resolves the income alert', () => {
  const platform = new Platform();
  let householdId: string;
  let projectId: string;

  beforeAll(async () => {
    await platform.start(['households', 'monitoring', 'projects', 'rules']);
    const { apps } = platform;
    const created = await apps.households.post<{ id: string }>(
      '/api/v1/households',
      aHousehold('HH-DIVIDEND-1'),
    );
    expect(created.status).toBe(201);
    householdId = created.body.id;
    await waitFor(
      'monitoring to know the household',
      async () => (await apps.monitoring.get(`/api/v1/monitored-households/${householdId}`)).status === 200,
    );
    projectId = await platform.dividendProject(householdId, '三联村"支部+"冷水鱼养殖', '2026-01-01');
  }, 180_000);

  afterAll(() => platform.stop());

  const income = async () =>
    (
      await platform.apps.monitoring.get<{ income: IncomeView }>(
        `/api/v1/monitored-households/${householdId}`,
      )
    ).body;
  const alerts = async () =>
    (await platform.apps.rules.get<{ items: AlertView[] }>(`/api/v1/alerts?subjectId=${householdId}`)).body
      .items;

  it('a survey below the line raises the income alert', async () => {
    // (6000 + 1500 + 0 + 2400 − 500) / 2 = 4700 per person, below the 6,000 line
    const survey = await platform.apps.monitoring.post('/api/v1/surveys', {
      ...aSurvey(householdId, { month: '2026-10' }),
      visitedAt: '2026-10-15T10:00:00+08:00',
    });
    expect(survey.status).toBe(201);
    const raised = await waitFor('the income alert', async () => {
      const items = await alerts();
      return items.length === 1 ? items : undefined;
    });
    expect(raised[0].status).toBe('open');
  });

  it('a 3,000 yuan dividend paid after the visit lifts per-capita income to 6,200 and resolves the alert', async () => {
    const paid = await platform.apps.projects.post(`/api/v1/projects/${projectId}/distributions`, {
      distributionId: 'dividend-2026-sanlian-fish-0001',
      householdId,
      kind: 'dividend',
      amount: 3000,
      paidOn: '2026-11-20',
    });
    expect(paid.status).toBe(201);
    // (9400 + 3000 property income) / 2 = 6200
    await waitFor('monitoring to count the dividend', async () => {
      const body = await income();
      return JSON.stringify(body).includes('6200');
    });
    const resolved = await waitFor('the alert to resolve itself', async () => {
      const items = await alerts();
      return items[0]?.status === 'resolved' ? items : undefined;
    });
    expect(resolved).toHaveLength(1);
    expect(resolved[0].resolution).toBe('auto');
  });

  it('the same payment sent again pays and counts nothing twice', async () => {
    const again = await platform.apps.projects.post(`/api/v1/projects/${projectId}/distributions`, {
      distributionId: 'dividend-2026-sanlian-fish-0001',
      householdId,
      kind: 'dividend',
      amount: 3000,
      paidOn: '2026-11-20',
    });
    expect([200, 201]).toContain(again.status);
    const list = await platform.apps.projects.get<{ items: unknown[] }>(
      `/api/v1/projects/${projectId}/distributions?householdId=${householdId}`,
    );
    expect(list.body.items).toHaveLength(1);
    // a later, different payment is counted: the first one was counted once, not twice
    const second = await platform.apps.projects.post(`/api/v1/projects/${projectId}/distributions`, {
      distributionId: 'dividend-2026-sanlian-fish-0002',
      householdId,
      kind: 'dividend',
      amount: 200,
      paidOn: '2026-11-25',
    });
    expect(second.status).toBe(201);
    // (9400 + 3000 + 200) / 2 = 6300; had the first payment counted twice it would be 7800
    await waitFor('monitoring to count the second payment', async () =>
      JSON.stringify(await income()).includes('6300'),
    );
    expect(JSON.stringify(await income())).not.toContain('7800');
  });

  it('crossed the hops: households → projects and monitoring, projects → monitoring, monitoring → rules', async () => {
    await crossesHop('households', 'projects', 'household.registered.v1', platform);
    await crossesHop('households', 'monitoring', 'household.registered.v1', platform);
    await crossesHop('projects', 'monitoring', 'project.distribution-paid.v1', platform);
    await crossesHop('monitoring', 'rules', 'household-income.changed.v1', platform);
  });
});
