import { MongoClient } from 'mongodb';
import { devToken, infra, waitFor } from '@lib/testing';
import {
  AlertView,
  incomeChanged,
  newId,
  OTHER_COUNTY_VILLAGE,
  Page,
  registered,
  RulesHarness,
  thresholdSet,
  VILLAGE,
} from './harness';

/**
 * Alerts' lifecycle through the real broker: income changes from monitoring raise, a correction or a
 * dividend above the line resolves by itself, people acknowledge and resolve with a note, and every
 * change is an event on rules.alerts.v1.
 */
describe('rules: alert lifecycle (open → acknowledged → resolved)', () => {
  const h = new RulesHarness();
  let cadre: string;
  let outsider: string;

  beforeAll(async () => {
    await h.start();
    cadre = await devToken({
      sub: 'user:cadre',
      kind: 'user',
      name: '村干部',
      grants: [{ role: 'village-cadre', unit: VILLAGE }],
    });
    outsider = await devToken({
      sub: 'user:outsider',
      kind: 'user',
      name: '外县干部',
      grants: [{ role: 'county-admin', unit: OTHER_COUNTY_VILLAGE.slice(0, 6) }],
    });
  }, 120_000);

  afterAll(() => h.stop(), 60_000);

  async function raisedFor(householdId: string, perCapita = 4700) {
    await h.publish(registered(householdId), incomeChanged(householdId, perCapita));
    const [alert] = await h.waitForAlerts(householdId, (a) => a.length === 1, 'the income alert');
    return alert;
  }

  it('an income change below the line raises one explained alert, announced with its escalation time', async () => {
    const id = newId('hh');
    const alert = await raisedFor(id);
    expect(alert).toMatchObject({
      ruleId: 'income-below-line',
      ruleVersion: 1,
      severity: 'high',
      status: 'open',
      period: '2026',
      escalateAfterMinutes: 1440,
    });
    expect(alert.message).toContain('4700');
    expect(alert.explanation).toEqual(
      expect.arrayContaining([
        { name: 'perCapitaNetIncome', label: '人均纯收入（元）', value: 4700 },
        { name: 'threshold', label: '监测范围（元）', value: 6000 },
      ]),
    );
    const events = await waitFor('alert.raised.v1', async () => {
      const all = (await h.alertEvents()).filter((e) => e.subject === id);
      return all.length > 0 ? all : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'alert.raised.v1',
      data: { alertId: alert.id, escalateAfterMinutes: 1440, ruleVersion: 1 },
    });
  });

  it('a redelivered income change raises nothing twice', async () => {
    const id = newId('hh');
    const e = incomeChanged(id, 4000);
    await h.publish(registered(id), e, e);
    await h.settle();
    await h.publish(e);
    await h.settle();
    expect(await h.alertsOf(id)).toHaveLength(1);
  });

  it('acknowledge: 200 once with alert.acknowledged.v1, then 409; outside the scope 404', async () => {
    const id = newId('hh');
    const alert = await raisedFor(id);
    const other = await h.app.post(`/api/v1/alerts/${alert.id}/acknowledge`, {}, { token: outsider });
    expect(other.status).toBe(404);

    const ack = await h.app.post<AlertView & { acknowledgedBy: string }>(
      `/api/v1/alerts/${alert.id}/acknowledge`,
      { note: '已电话联系，明日入户' },
      { token: cadre },
    );
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'user:cadre' });
    const again = await h.app.post(`/api/v1/alerts/${alert.id}/acknowledge`, {}, { token: cadre });
    expect(again.status).toBe(409);

    const event = await waitFor('alert.acknowledged.v1', async () =>
      (await h.alertEvents()).find((e) => e.type === 'alert.acknowledged.v1' && e.subject === id),
    );
    expect(event.data).toMatchObject({
      alertId: alert.id,
      acknowledgedBy: 'user:cadre',
      note: '已电话联系，明日入户',
    });
  });

  it('resolve by a person needs a note; emits alert.resolved.v1 (manual) once', async () => {
    const id = newId('hh');
    const alert = await raisedFor(id);
    const noNote = await h.app.post<{ message: string }>(
      `/api/v1/alerts/${alert.id}/resolve`,
      {},
      { token: cadre },
    );
    expect(noNote.status).toBe(400);
    expect(noNote.body.message).toContain('note');
    expect((await h.app.get<AlertView>(`/api/v1/alerts/${alert.id}`)).body.status).toBe('open');

    const done = await h.app.post<AlertView>(
      `/api/v1/alerts/${alert.id}/resolve`,
      { note: '已落实公益岗位，收入恢复' },
      { token: cadre },
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'resolved',
      resolution: 'manual',
      resolutionNote: '已落实公益岗位，收入恢复',
    });
    expect(
      (await h.app.post(`/api/v1/alerts/${alert.id}/resolve`, { note: 'x' }, { token: cadre })).status,
    ).toBe(409);
    expect((await h.app.post(`/api/v1/alerts/${alert.id}/acknowledge`, {}, { token: cadre })).status).toBe(
      409,
    );

    const resolved = await waitFor('alert.resolved.v1', async () =>
      (await h.alertEvents()).find((e) => e.type === 'alert.resolved.v1' && e.subject === id),
    );
    expect(resolved.data).toMatchObject({
      alertId: alert.id,
      resolution: 'manual',
      note: '已落实公益岗位，收入恢复',
    });
  });

  it('a correction or a dividend that lifts income above the line resolves the alert by itself', async () => {
    const id = newId('hh');
    const alert = await raisedFor(id);
    await h.publish(
      incomeChanged(id, 6300, {
        cause: { kind: 'project-distribution', id: newId('dist') },
        previousPerCapitaNetIncome: 4700,
      }),
    );
    const [after] = await h.waitForAlerts(id, (a) => a[0]?.status === 'resolved', 'auto-resolution');
    expect(after).toMatchObject({ id: alert.id, resolution: 'auto' });
    const events = await waitFor('alert.resolved.v1', async () =>
      (await h.alertEvents()).find((e) => e.type === 'alert.resolved.v1' && e.subject === id),
    );
    expect(events.data).toMatchObject({ resolution: 'auto' });

    // a later correction back below the line raises a new alert for the period
    await h.publish(incomeChanged(id, 5000, { cause: { kind: 'survey-correction', id: newId('survey') } }));
    const alerts = await h.waitForAlerts(id, (a) => a.length === 2, 'a new alert');
    expect(alerts.filter((a) => a.status === 'open')).toHaveLength(1);
  });

  /**
   * The alert.resolved.v1 told for a household, counted once a later alert of it is out: its events
   * are published in the order written, so anything told twice would be out before that one.
   */
  async function toldAfterNextAlert(id: string) {
    await h.publish(incomeChanged(id, 4100, { cause: { kind: 'survey-correction', id: newId('survey') } }));
    await h.waitForAlerts(id, (a) => a.length === 2, 'the next alert');
    await waitFor('the next alert.raised.v1', async () =>
      (await h.alertEvents()).filter((e) => e.type === 'alert.raised.v1' && e.subject === id).length === 2
        ? true
        : undefined,
    );
    return (await h.alertEvents()).filter((e) => e.type === 'alert.resolved.v1' && e.subject === id);
  }

  it('a person and the evaluation resolving one alert at the same moment: one resolution stands, told once', async () => {
    const id = newId('hh');
    const alert = await raisedFor(id);
    const [byPerson] = await Promise.all([
      h.app.post<AlertView>(`/api/v1/alerts/${alert.id}/resolve`, { note: '已帮扶到位' }, { token: cadre }),
      h.publish(incomeChanged(id, 6300, { cause: { kind: 'survey-correction', id: newId('survey') } })),
    ]);
    expect([200, 409]).toContain(byPerson.status);
    const [after] = await h.waitForAlerts(id, (a) => a[0]?.status === 'resolved', 'the resolution');
    const told = await toldAfterNextAlert(id);
    expect(told).toHaveLength(1);
    expect(told[0].data.resolution).toBe(after.resolution);
    expect(after.resolution).toBe(byPerson.status === 200 ? 'manual' : 'auto');
  });

  it('a resolution recorded but not yet on the alert (the app died in between) counts: nothing is told again', async () => {
    const id = newId('hh');
    const alert = await raisedFor(id);
    // what the app had written when it died: the alert, resolved, in alert_resolutions — and still
    // unresolved among the alerts (it had not removed it yet)
    const client = await new MongoClient(infra.mongoUrl).connect();
    try {
      const db = client.db(h.env().MONGO_DB);
      type Doc = { _id: string; [field: string]: unknown };
      const open = await db.collection<Doc>('alerts').findOne({ _id: alert.id });
      expect(open).toMatchObject({ status: 'open' });
      await db.collection<Doc>('alert_resolutions').insertOne({
        ...open!,
        status: 'resolved',
        resolvedAt: new Date(),
        resolution: 'manual',
        resolvedBy: 'user:cadre',
        resolutionNote: '已帮扶到位',
        openKey: `${id}|${alert.ruleId}|${alert.period}|${alert.id}`,
      });
    } finally {
      await client.close();
    }
    // nobody can acknowledge what is resolved, even before its document shows it
    expect((await h.app.post(`/api/v1/alerts/${alert.id}/acknowledge`, {}, { token: cadre })).status).toBe(
      409,
    );
    // the evaluation, holding the alert as open, resolves it on the next income above the line
    await h.publish(incomeChanged(id, 6300, { cause: { kind: 'survey-correction', id: newId('survey') } }));
    const [after] = await h.waitForAlerts(id, (a) => a[0]?.status === 'resolved', 'the alert mended');
    expect(after).toMatchObject({ resolution: 'manual', resolutionNote: '已帮扶到位' });
    // and it has left the unresolved alerts
    const check = await new MongoClient(infra.mongoUrl).connect();
    try {
      const alerts = check.db(h.env().MONGO_DB).collection<{ _id: string }>('alerts');
      await waitFor(
        'the resolved alert removed from the unresolved ones',
        async () => !(await alerts.findOne({ _id: alert.id })),
      );
    } finally {
      await check.close();
    }
    expect(await toldAfterNextAlert(id)).toEqual([]);
    // and a person is told it is resolved already
    expect(
      (await h.app.post(`/api/v1/alerts/${alert.id}/resolve`, { note: 'x' }, { token: cadre })).status,
    ).toBe(409);
  });

  it('an unknown income (nobody resident) neither raises nor resolves', async () => {
    const id = newId('hh');
    await raisedFor(id);
    await h.publish(incomeChanged(id, null));
    await h.settle();
    expect((await h.alertsOf(id)).map((a) => a.status)).toEqual(['open']);
  });

  it('a line set in monitoring (threshold.set.v1) applies to the next income change, and nothing before', async () => {
    const fj = '350102001001'; // the seeded 2023 line of county 350102 is 10,560
    const id = newId('hh');
    await h.publish(registered(id, {}, fj), incomeChanged(id, 11000, {}, fj));
    await h.settle();
    expect(await h.alertsOf(id)).toHaveLength(0);

    await h.publish(
      thresholdSet({ scope: 'county', provinceCode: '35', countyCode: '350102', year: 2026, amount: 12000 }),
    );
    await h.settle();
    expect(await h.alertsOf(id)).toHaveLength(0); // nothing re-evaluated silently
    const thresholds = await h.app.get<{
      items: Array<{ countyCode: string | null; year: number; amount: number }>;
    }>('/api/v1/evaluation/thresholds');
    expect(thresholds.body.items).toContainEqual(
      expect.objectContaining({ countyCode: '350102', year: 2026, amount: 12000 }),
    );

    await h.publish(incomeChanged(id, 11500, { month: '2026-11' }, fj));
    const [alert] = await h.waitForAlerts(id, (a) => a.length === 1, 'the alert against the new line');
    expect(alert.explanation).toContainEqual({ name: 'threshold', label: '监测范围（元）', value: 12000 });
  });

  it('lists filter by status, severity, rule, village and period, with paging; counts per unit and severity', async () => {
    const ids = [newId('hh'), newId('hh')];
    for (const id of ids) await raisedFor(id);
    const base = `ruleId=income-below-line&villageCode=${VILLAGE}&period=2026&status=open`;
    const q = `${base}&severity=high`;
    const page1 = await h.app.get<Page<AlertView>>(`/api/v1/alerts?${q}&pageSize=1&page=1`, { token: cadre });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.total).toBeGreaterThanOrEqual(2);
    const page2 = await h.app.get<Page<AlertView>>(`/api/v1/alerts?${q}&pageSize=1&page=2`, { token: cadre });
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    expect((await h.app.get<Page<AlertView>>(`/api/v1/alerts?${base}&severity=low`)).body.total).toBe(0);
    expect((await h.app.get<Page<AlertView>>(`/api/v1/alerts?period=2025`)).body.total).toBe(0);
    expect((await h.app.get(`/api/v1/alerts?severity=urgent`)).status).toBe(400);

    const all = await h.app.get<Page<AlertView>>(`/api/v1/alerts?status=open&pageSize=500`);
    const open = all.body.items.filter((a) => a.villageCode === VILLAGE);
    const counts = await h.app.get<{
      items: Array<{ unit: string; high: number; total: number }>;
      totals: { total: number };
    }>('/api/v1/alerts/counts?by=village&status=open', { token: cadre });
    expect(counts.status).toBe(200);
    expect(counts.body.items).toEqual([
      expect.objectContaining({ unit: VILLAGE, high: open.length, total: open.length }),
    ]);
    const outside = await h.app.get<{ totals: { total: number } }>('/api/v1/alerts/counts', {
      token: outsider,
    });
    expect(outside.body.totals.total).toBe(0);
    const towns = await h.app.get<{ items: Array<{ unit: string }> }>('/api/v1/alerts/counts?by=town');
    expect(towns.body.items.map((r) => r.unit)).toContain(VILLAGE.slice(0, 9));
  });
});
