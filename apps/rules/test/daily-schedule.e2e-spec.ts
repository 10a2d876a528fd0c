import { incomeChanged, newId, registered, RulesHarness } from './harness';

/**
 * Time-based rules run once per day whatever the number of instances: two instances asked to run the
 * same day's pass at the same moment run it once; the overdue survey rule raises for a monitored
 * household not visited this month after the 20th, and resolves when the visit is recorded.
 */
describe('rules: the daily pass of time-based rules', () => {
  const h = new RulesHarness();

  beforeAll(async () => {
    await h.startInstance({ RULES_SCHEDULE_INTERVAL_MS: '0' });
    await h.startInstance({ RULES_SCHEDULE_INTERVAL_MS: '0' });
  }, 180_000);

  afterAll(() => h.stop(), 60_000);

  it('runs once per day across instances and raises only where the survey is overdue', async () => {
    const late = newId('hh');
    const visited = newId('hh');
    const notMonitored = newId('hh');
    await h.publish(
      registered(late, { monitoringCategory: 'marginal_at_risk' }),
      registered(visited, { monitoringCategory: 'unstable_lifted' }),
      registered(notMonitored),
    );
    await h.settle();
    await h.publish(
      incomeChanged(late, 9000, { month: '2026-09' }),
      incomeChanged(visited, 9000, { month: '2026-10' }),
      incomeChanged(notMonitored, 9000, { month: '2026-09' }),
    );
    await h.settle();

    const runs = await Promise.all(
      h.apps.map((a) =>
        a.post<{ status: string; result?: { subjects: number } }>('/api/v1/rules/schedule/daily', {
          day: '2026-10-25',
        }),
      ),
    );
    expect(runs.map((r) => r.status)).toEqual([200, 200]);
    expect(runs.map((r) => r.body.status).sort()).toEqual(['ran', 'taken']);
    const again = await h.apps[1].post<{ status: string }>('/api/v1/rules/schedule/daily', {
      day: '2026-10-25',
    });
    expect(again.body.status).toBe('taken');

    // (the monitored households also have no plan since January: plan-review-overdue, tested elsewhere)
    const surveyAlerts = async (id: string) =>
      (await h.alertsOf(id)).filter((a) => a.ruleId === 'survey-overdue');
    const [overdue] = await surveyAlerts(late);
    expect(overdue).toMatchObject({
      ruleId: 'survey-overdue',
      period: '2026-10',
      status: 'open',
      severity: 'low',
    });
    expect(overdue.message).toContain('2026-09');
    expect(await surveyAlerts(late)).toHaveLength(1);
    expect(await surveyAlerts(visited)).toHaveLength(0);
    expect(await h.alertsOf(notMonitored)).toHaveLength(0);

    // the visit is recorded: the month's overdue alert resolves by itself
    await h.publish(incomeChanged(late, 9100, { month: '2026-10' }));
    const after = (
      await h.waitForAlerts(
        late,
        (a) => a.some((x) => x.ruleId === 'survey-overdue' && x.status === 'resolved'),
        'the overdue alert to resolve',
      )
    ).find((x) => x.ruleId === 'survey-overdue')!;
    expect(after.resolution).toBe('auto');

    expect((await h.app.post('/api/v1/rules/schedule/daily', { day: '26-10-2026' })).status).toBe(400);
  });
});
