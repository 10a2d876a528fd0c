import { Topics } from '@lib/contracts';
// eslint-disable-next-line no-restricted-imports -- the event factories move to libs/testing (issue 16, item 5: test factories)
import { incomeChanged } from '../../rules/test/harness';
import { AppProcess, devToken, waitFor } from '@lib/testing';
import { HouseholdsHarness } from './harness';

type Problem = { field: string; reason: string };
type Res = {
  status: number;
  body: { lifecycle?: { state: string }; message?: string; problems?: Problem[] };
};

describe('monitoring lifecycle through the API (识别→评议→公示→审核→审定→帮扶→消除)', () => {
  const h = new HouseholdsHarness();
  const { prefix, kafka } = h;
  let app: AppProcess;
  let seq = 0;

  beforeAll(async () => {
    app = (await h.start()).app;
  }, 90_000);
  afterAll(async () => {
    await h.stop();
  });

  async function household(): Promise<string> {
    const res = await app.post<{ id: string }>('/api/v1/households', {
      householdNumber: `LC-${++seq}`,
      villageCode: '621299101201',
      householdType: 'ordinary',
      members: [{ name: '李小梅', relation: 'head', sex: 'female', birthDate: '1970-02-02' }],
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }
  const step = (id: string, body: Record<string, unknown>, token?: string) =>
    app.post(`/api/v1/households/${id}/lifecycle-transitions`, body, token ? { token } : {}) as Promise<Res>;
  const ok = async (id: string, body: Record<string, unknown>, state: string) => {
    const res = await step(id, body);
    expect(res).toMatchObject({ status: 201, body: { lifecycle: { state } } });
  };
  let incomeAt = Date.parse('2026-07-01T00:00:00Z');
  /** What monitoring publishes when a household's income changes (its 收入台账), each newer than the last. */
  const recordIncome = (householdId: string, perCapitaNetIncome: number, month: string) => {
    const asOf = new Date((incomeAt += 86_400_000)).toISOString();
    const event = incomeChanged(householdId, perCapitaNetIncome, { month, asOf });
    return kafka.send(`${prefix}${Topics.monitoring}`, [{ key: householdId, value: JSON.stringify(event) }]);
  };
  const refused = async (id: string, body: Record<string, unknown>, field: string, reason: RegExp) => {
    const res = await step(id, body);
    expect(res.status).toBe(409);
    expect(res.body.problems?.[0]).toMatchObject({ field, reason: expect.stringMatching(reason) });
  };

  it('walks every step, refuses the ones the rules forbid with the reason, and keeps the history', async () => {
    const id = await household();
    await refused(id, { action: 'village_review', on: '2026-01-06' }, 'action', /不能执行/);
    await refused(id, { action: 'identify', on: '2026-01-05' }, 'channel', /渠道/);
    await ok(id, { action: 'identify', on: '2026-01-05', channel: 'department_warning' }, 'identified');
    await refused(
      id,
      { action: 'identify', on: '2026-01-05', channel: 'self_application' },
      'action',
      /不能执行/,
    );
    await ok(id, { action: 'village_review', on: '2026-01-08' }, 'village_reviewed');
    await refused(id, { action: 'start_public_notice', on: '2026-01-07' }, 'on', /不能早于/);
    await ok(id, { action: 'start_public_notice', on: '2026-01-09' }, 'public_notice');
    await refused(id, { action: 'town_review', on: '2026-01-12' }, 'on', /公示不少于5天/);
    await ok(id, { action: 'town_review', on: '2026-01-14' }, 'town_reviewed');
    await ok(id, { action: 'county_approve', on: '2026-01-16' }, 'county_approved');
    await ok(id, { action: 'start_assistance', on: '2026-01-20' }, 'assisted');
    const eliminate = { action: 'eliminate_risk', method: 'assisted_elimination' };
    await refused(id, { ...eliminate, on: '2026-03-01' }, 'on', /不满6个月/);
    // the facts are read from the record, never taken from the request
    const told = await step(id, { ...eliminate, on: '2026-08-01', perCapitaIncome: 9000, monitoringLine: 7400 });
    expect(told.status).toBe(400);
    expect(told.body.problems?.map((p) => p.field).sort()).toEqual(['monitoringLine', 'perCapitaIncome']);
    await refused(id, { ...eliminate, on: '2026-08-01' }, 'perCapitaIncome', /没有该户的人均纯收入/);
    // monitoring's income ledger (household-income.changed.v1): below the line in force (national 6000), then above
    await recordIncome(id, 5200, '2026-06');
    await waitFor('the recorded income below the line', async () => {
      const res = await step(id, { ...eliminate, on: '2026-08-01' });
      return res.status === 409 && /5200.*低于/.test(res.body.problems?.[0]?.reason ?? '');
    });
    await recordIncome(id, 9000, '2026-07');
    await waitFor('the elimination on the recorded income', async () => {
      const res = await step(id, { ...eliminate, on: '2026-08-01' });
      return res.status === 201 && res.body.lifecycle?.state === 'risk_eliminated';
    });

    const read = await app.get<{
      lifecycle: Record<string, unknown>;
      history: Array<Record<string, unknown>>;
    }>(`/api/v1/households/${id}/lifecycle-transitions`);
    expect(read.body.lifecycle).toMatchObject({ state: 'risk_eliminated', channel: 'department_warning' });
    expect(read.body.history.map((h) => h.to)).toEqual([
      'identified',
      'village_reviewed',
      'public_notice',
      'town_reviewed',
      'county_approved',
      'assisted',
      'risk_eliminated',
    ]);
    expect(read.body.history[0]).toMatchObject({ from: null, on: '2026-01-05', by: 'service:test' });

    // the outbox relay delivers at least once: count distinct event ids
    const events = await waitFor('seven lifecycle events', async () => {
      const all = await kafka.readAll(`${prefix}${Topics.households}`);
      const mine = all
        .map(
          (m) =>
            JSON.parse(String(m.value)) as {
              id: string;
              type: string;
              subject: string;
              data: { to: string };
            },
        )
        .filter((e) => e.subject === id && e.type === 'household.lifecycle-transitioned.v1');
      const distinct = [...new Map(mine.map((e) => [e.id, e])).values()];
      return distinct.length === 7 ? distinct : undefined;
    });
    expect(events.map((e) => e.data.to)).toEqual(read.body.history.map((h) => h.to));
  });

  it('answers 400 naming the field for a bad body, 403 for roles that may not, 404 outside the scope', async () => {
    const id = await household();
    const bad = await step(id, { action: 'approve', on: '2026-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.map((p) => p.field).sort()).toEqual(['action', 'on']);
    const inspector = await devToken({
      sub: 'user:i',
      kind: 'user',
      name: '督查',
      grants: [{ role: 'inspector', unit: '621299' }],
    });
    expect((await step(id, { action: 'identify', channel: 'self_application' }, inspector)).status).toBe(403);
    // a step owned by another level: 403 (a village cadre never records the town's or the county's decision)
    const cadre = await devToken({
      sub: 'user:c',
      kind: 'user',
      name: '村干部',
      grants: [{ role: 'village-cadre', unit: '621299101201' }],
    });
    expect((await step(id, { action: 'identify', channel: 'self_application' }, cadre)).status).toBe(201);
    expect((await step(id, { action: 'county_approve' }, cadre)).status).toBe(403);
    const outsider = await devToken({
      sub: 'user:o',
      kind: 'user',
      name: '外村',
      grants: [{ role: 'village-cadre', unit: '621299101202' }],
    });
    expect((await step(id, { action: 'identify', channel: 'self_application' }, outsider)).status).toBe(404);
  });
});
