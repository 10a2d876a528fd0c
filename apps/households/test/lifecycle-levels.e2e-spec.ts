import { Topics } from '@lib/contracts';
import { AppProcess, waitFor } from '@lib/testing';
import { aHousehold, aSurvey, GATEWAY_ADMIN, Platform } from '../../../test/e2e/platform';

type Problem = { field: string; reason: string };
type Step = { action: string; decision: string; from: string | null; to: string | null; reason?: string };
type Res = {
  status: number;
  body: { lifecycle?: { state: string; cycle: number } | null; message?: string; problems?: Problem[] };
};
type History = { lifecycle: { state: string; cycle: number } | null; history: Step[] };

const VILLAGE = '621299101201';
const TOWN = '621299101';

/**
 * The monitoring lifecycle by level and on recorded facts, through the gateway with real users of each
 * level: the village identifies, reviews and gives notice, the town reviews, the county approves and confirms
 * 风险消除 on the household's recorded income (monitoring's surveys) — and a paired cadre sees their households only.
 */
describe('lifecycle by level, on recorded facts, through the gateway', () => {
  const platform = new Platform();
  let gw: AppProcess;
  const token: Record<'county' | 'town' | 'village' | 'paired', string> = {
    county: '',
    town: '',
    village: '',
    paired: '',
  };
  let pairedUserId = '';
  let n = 0;

  async function login(username: string, password: string) {
    const r = await gw.post<{ accessToken: string; user: { id: string } }>(
      '/api/v1/auth/login',
      { username, password },
      { token: null },
    );
    expect(r.status).toBe(200);
    return r.body;
  }

  async function user(username: string, role: string, unit: string) {
    const password = `${username}-password-1`;
    const created = await gw.post(
      '/api/v1/users',
      { username, displayName: username, password, roles: [{ role, unit }] },
      { token: token.county },
    );
    expect(created.status).toBe(201);
    return login(username, password);
  }

  beforeAll(async () => {
    await platform.start(['households', 'monitoring', 'gateway']);
    gw = platform.apps.gateway;
    token.county = (await login(GATEWAY_ADMIN.username, GATEWAY_ADMIN.password)).accessToken;
    token.town = (await user('lc-town', 'town-official', TOWN)).accessToken;
    token.village = (await user('lc-village', 'village-cadre', VILLAGE)).accessToken;
    const paired = await user('lc-paired', 'paired-cadre', VILLAGE);
    token.paired = paired.accessToken;
    pairedUserId = paired.user.id;
  }, 180_000);

  afterAll(() => platform.stop(), 60_000);

  async function household(over: Record<string, unknown> = {}): Promise<string> {
    const res = await gw.post<{ id: string }>(
      '/api/v1/households',
      aHousehold(`LV-${++n}`, { householdType: 'ordinary', monitoringCategory: null, ...over }),
      { token: token.county },
    );
    expect(res.status).toBe(201);
    return res.body.id;
  }
  const step = (id: string, as: keyof typeof token, body: Record<string, unknown>) =>
    gw.post(`/api/v1/households/${id}/lifecycle-transitions`, body, { token: token[as] }) as Promise<Res>;
  const ok = async (id: string, as: keyof typeof token, body: Record<string, unknown>, state: string | null) => {
    const res = await step(id, as, body);
    expect({ status: res.status, state: res.body.lifecycle?.state ?? null }).toEqual({ status: 201, state });
  };
  const history = async (id: string, as: keyof typeof token = 'county') =>
    (await gw.get<History>(`/api/v1/households/${id}/lifecycle-transitions`, { token: token[as] })).body;

  /** 识别 → 民主评议 → 公示, by the village. */
  async function throughNotice(id: string, from = '2026-01') {
    await ok(id, 'village', { action: 'identify', on: `${from}-05`, channel: 'cadre_screening' }, 'identified');
    await ok(id, 'village', { action: 'village_review', on: `${from}-08` }, 'village_reviewed');
    await ok(id, 'village', { action: 'start_public_notice', on: `${from}-09` }, 'public_notice');
  }

  it("refuses a village cadre the town's and the county's decisions (403, nothing changes)", async () => {
    const id = await household();
    await throughNotice(id);
    const before = await history(id);
    for (const action of ['town_review', 'county_approve']) {
      const res = await step(id, 'village', { action, on: '2026-01-15' });
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/无权操作/);
    }
    // nor does the county record the town's own review (two separate checks)
    expect((await step(id, 'county', { action: 'town_review', on: '2026-01-15' })).status).toBe(403);
    expect(await history(id)).toEqual(before);

    await ok(id, 'town', { action: 'town_review', on: '2026-01-15' }, 'town_reviewed');
    expect((await step(id, 'village', { action: 'county_approve', on: '2026-01-16' })).status).toBe(403);
    expect((await step(id, 'town', { action: 'county_approve', on: '2026-01-16' })).status).toBe(403);
    expect((await history(id)).lifecycle?.state).toBe('town_reviewed');
    await ok(id, 'county', { action: 'county_approve', on: '2026-01-16' }, 'county_approved');
    // the monitoring category follows the lifecycle: set by 县级审定 (边缘易致贫户 for an ordinary household)
    const hh = await gw.get<{ monitoringCategory: string | null }>(`/api/v1/households/${id}`, {
      token: token.county,
    });
    expect(hh.body.monitoringCategory).toBe('marginal_at_risk');
  });

  it("records each level's rejection with its reason: the household returns to where it came from", async () => {
    const id = await household();
    const noReason = await step(id, 'village', { action: 'village_review', decision: 'reject', on: '2026-02-03' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.problems?.map((p) => p.field)).toContain('reason');

    await ok(id, 'village', { action: 'identify', on: '2026-02-02', channel: 'self_application' }, 'identified');
    await ok(
      id,
      'village',
      { action: 'village_review', decision: 'reject', reason: '民主评议：家庭收入稳定，不符合识别标准', on: '2026-02-03' },
      null,
    );
    await throughNotice(id, '2026-03');
    await ok(
      id,
      'town',
      { action: 'town_review', decision: 'reject', reason: '乡镇审核：务工收入未核实，退回', on: '2026-03-16' },
      null,
    );
    await throughNotice(id, '2026-04');
    await ok(id, 'town', { action: 'town_review', on: '2026-04-16' }, 'town_reviewed');
    await ok(
      id,
      'county',
      { action: 'county_approve', decision: 'reject', reason: '县级审定：比对车辆信息，不予纳入', on: '2026-04-20' },
      null,
    );

    const { lifecycle, history: steps } = await history(id);
    expect(lifecycle).toBeNull();
    expect(steps.filter((s) => s.decision === 'reject')).toEqual([
      expect.objectContaining({ action: 'village_review', from: 'identified', to: null, reason: expect.stringMatching(/^民主评议/) }),
      expect.objectContaining({ action: 'town_review', from: 'public_notice', to: null, reason: expect.stringMatching(/^乡镇审核/) }),
      expect.objectContaining({ action: 'county_approve', from: 'town_reviewed', to: null, reason: expect.stringMatching(/^县级审定/) }),
    ]);
    // and in the events
    const events = await waitFor('the three rejections announced', async () => {
      const all = (await platform.kafka.readAll(platform.topic(Topics.households)))
        .map((m) => JSON.parse(String(m.value)) as { id: string; subject: string; type: string; data: Step })
        .filter((e) => e.subject === id && e.type === 'household.lifecycle-transitioned.v1' && e.data.decision === 'rejected');
      const distinct = [...new Map(all.map((e) => [e.id, e])).values()];
      return distinct.length === 3 ? distinct : undefined;
    });
    expect(events.map((e) => e.data.reason)).toEqual(steps.filter((s) => s.reason).map((s) => s.reason));
  });

  it('judges 风险消除 on the recorded income, whatever the body says; an eliminated household can be identified again', async () => {
    const id = await household();
    await throughNotice(id);
    await ok(id, 'town', { action: 'town_review', on: '2026-01-15' }, 'town_reviewed');
    await ok(id, 'county', { action: 'county_approve', on: '2026-01-16' }, 'county_approved');
    await ok(id, 'village', { action: 'start_assistance', on: '2026-01-20' }, 'assisted');
    const eliminate = { action: 'eliminate_risk', method: 'assisted_elimination', on: '2026-09-01' };
    // the village cannot confirm an elimination
    expect((await step(id, 'village', eliminate)).status).toBe(403);
    // the caller's numbers are not accepted
    const told = await step(id, 'county', { ...eliminate, perCapitaIncome: 99999, wholeHouseholdNoLabour: false });
    expect(told.status).toBe(400);
    expect(told.body.problems?.map((p) => p.field).sort()).toEqual(['perCapitaIncome', 'wholeHouseholdNoLabour']);

    // monitoring records a survey: (3000 + 1000) / 2 = 2000 yuan a person, below the line in force
    await waitFor('monitoring to know the household', async () =>
      (await gw.get(`/api/v1/monitored-households/${id}`, { token: token.county })).status === 200,
    );
    /** A survey by the village cadre: two resident members, wage and transfer income over 12 months. */
    const survey = async (month: string, wage: number, transfer: number) => {
      const income = { wage, business: 0, property: 0, transfer, businessCosts: 0 };
      const res = await gw.post('/api/v1/surveys', aSurvey(id, { month, income }), { token: token.village });
      expect(res.status).toBe(201);
    };
    await survey('2026-07', 3000, 1000);
    const refused = await waitFor('the elimination refused on the recorded income', async () => {
      const res = await step(id, 'county', eliminate);
      return res.status === 409 && /2000/.test(res.body.problems?.[0]?.reason ?? '') ? res : undefined;
    });
    expect(refused.body.problems?.[0]).toMatchObject({
      field: 'perCapitaIncome',
      reason: expect.stringMatching(/人均纯收入 2000 元.*低于/),
    });
    expect((await history(id)).lifecycle?.state).toBe('assisted');

    // the county may also turn an elimination down with its reason: back to 帮扶中
    await ok(id, 'county', { ...eliminate, decision: 'reject', reason: '收入不稳定，继续帮扶' }, 'assisted');

    // a later survey above the line, (12000 + 2400) / 2 = 7200: the elimination goes through
    await survey('2026-08', 12000, 2400);
    await waitFor('the elimination on the new recorded income', async () => {
      const res = await step(id, 'county', eliminate);
      return res.status === 201 && res.body.lifecycle?.state === 'risk_eliminated';
    });

    // 返贫: identified again, a new cycle; the earlier one kept in the history
    await ok(id, 'village', { action: 'identify', on: '2026-10-10', channel: 'department_warning' }, 'identified');
    const { lifecycle, history: steps } = await history(id);
    expect(lifecycle).toMatchObject({ state: 'identified', cycle: 2 });
    expect(steps.map((s) => `${s.action}:${s.decision}:${s.to}`)).toEqual([
      'identify:approve:identified',
      'village_review:approve:village_reviewed',
      'start_public_notice:approve:public_notice',
      'town_review:approve:town_reviewed',
      'county_approve:approve:county_approved',
      'start_assistance:approve:assisted',
      'eliminate_risk:reject:assisted',
      'eliminate_risk:approve:risk_eliminated',
      'identify:approve:identified',
    ]);
  });

  it('shows a paired cadre the households paired with them only: another household of the village is 404', async () => {
    const mine = await household();
    const other = await household();
    const paired = await gw.request(
      'PUT',
      `/api/v1/households/${mine}/paired-cadres`,
      { cadres: [{ userId: pairedUserId, name: '帮扶责任人', orgUnit: VILLAGE }] },
      { token: token.county },
    );
    expect(paired.status).toBe(200);

    const list = await gw.get<{ items: Array<{ id: string }>; total: number }>(
      `/api/v1/households?villageCode=${VILLAGE}&pageSize=500`,
      { token: token.paired },
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((h) => h.id)).toEqual([mine]);
    expect(list.body.total).toBe(1);
    expect((await gw.get(`/api/v1/households/${mine}`, { token: token.paired })).status).toBe(200);
    expect((await gw.get(`/api/v1/households/${other}`, { token: token.paired })).status).toBe(404);
    expect(
      (await gw.get(`/api/v1/households/${other}/lifecycle-transitions`, { token: token.paired })).status,
    ).toBe(404);
    // the village cadre still sees both
    const village = await gw.get<{ items: Array<{ id: string }> }>(`/api/v1/households?pageSize=500`, {
      token: token.village,
    });
    expect(village.body.items.map((h) => h.id)).toEqual(expect.arrayContaining([mine, other]));
  });
});
