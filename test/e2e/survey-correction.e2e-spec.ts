import { waitFor } from '@lib/testing';
import { aSurvey, Platform } from './platform';

interface AlertView {
  id: string;
  status: string;
  resolution: string | null;
}

/**
 * Issue #5 across apps: a correction (更正) of a recorded survey is a new event, and the rules' read
 * model follows it — a corrected income above the line resolves the open alert, a correction back
 * below raises a new one.
 */
describe('a survey correction reaches rules', () => {
  const platform = new Platform();
  let householdId: string;
  let surveyId: string;

  beforeAll(async () => {
    await platform.start(['households', 'monitoring', 'rules']);
    householdId = await platform.registerMonitoredHousehold('HH-CORRECT-1');
  }, 180_000);

  afterAll(() => platform.stop());

  const alerts = async () =>
    (await platform.apps.rules.get<{ items: AlertView[] }>(`/api/v1/alerts?subjectId=${householdId}`)).body
      .items;

  it('a survey at 4,700 per person raises the income alert', async () => {
    // (6000 + 1500 + 0 + 2400 − 500) / 2 = 4700
    const survey = await platform.apps.monitoring.post<{ id: string }>(
      '/api/v1/surveys',
      aSurvey(householdId),
    );
    expect(survey.status).toBe(201);
    surveyId = survey.body.id;
    await waitFor('the income alert', async () => (await alerts()).length === 1);
    expect((await alerts())[0].status).toBe('open');
  });

  it('correcting the wage to 9,000 (6,200 per person) resolves the alert by itself', async () => {
    const res = await platform.apps.monitoring.post<{ revision: number; perCapitaNetIncome: number }>(
      `/api/v1/surveys/${surveyId}/corrections`,
      { reason: '务工收入漏报，补录', changes: { income: { wage: 9000 } } },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ revision: 2, perCapitaNetIncome: 6200 });
    const items = await waitFor('the alert to resolve', async () => {
      const list = await alerts();
      return list[0]?.status === 'resolved' ? list : undefined;
    });
    expect(items).toHaveLength(1);
    expect(items[0].resolution).toBe('auto');
  });

  it('correcting it back below the line raises a new alert', async () => {
    const res = await platform.apps.monitoring.post(`/api/v1/surveys/${surveyId}/corrections`, {
      reason: '核实后务工收入为6000元',
      changes: { income: { wage: 6000 } },
    });
    expect(res.status).toBe(201);
    const items = await waitFor('a new alert', async () => {
      const list = await alerts();
      return list.length === 2 ? list : undefined;
    });
    expect(items.map((a) => a.status).sort()).toEqual(['open', 'resolved']);
  });
});
