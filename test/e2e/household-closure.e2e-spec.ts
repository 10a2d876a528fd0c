import readXlsxFile from 'read-excel-file/node';
import { AppProcess, waitFor } from '@lib/testing';
import { crossesHop } from '../hops/cross';
import { aSurvey, demoVillage, GATEWAY_ADMIN, Platform } from './platform';

interface AlertView {
  id: string;
  status: string;
  resolution: string | null;
  resolutionNote?: string | null;
}
interface Problem {
  statusCode: number;
  message: string;
  problems?: Array<{ field: string; reason: string }>;
}
interface HouseholdView {
  id: string;
  status: string;
  closure?: { reason: string; on: string; note?: string };
  version: number;
}

/** Escalation drill: a minute lasts 50 ms, so the income alert (24 h) escalates to the town after 72 s. */
class ClosurePlatform extends Platform {
  override envOf(app: Parameters<Platform['envOf']>[0]) {
    const env = super.envOf(app);
    return app === 'notifier' ? { ...env, ESCALATION_MINUTE_MS: '50' } : env;
  }
}
const LONG = { timeoutMs: 120_000, intervalMs: 250 };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Issue #18 item 3, across apps through the gateway: a household with an open income alert is closed
 * (注销, 死亡) by a town official → coverage stops counting it, its open alert is closed with the reason, a
 * survey for it is refused; a village cadre's closure gets 403 and changes nothing; closing twice is 409; the
 * closed household stays readable, findable and exportable with its 注销 status, reason and date.
 */
describe('注销: a closed household across apps', () => {
  const platform = new ClosurePlatform();
  let gw: AppProcess;
  const tokens = new Map<string, string>();
  let householdId: string;
  let otherId: string;

  const as = (who: string) => ({ token: tokens.get(who)! });

  async function login(username: string, password: string) {
    const r = await gw.post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username, password },
      { token: null },
    );
    expect(r.status).toBe(200);
    return r.body.accessToken;
  }

  const coverage = async () =>
    (
      await gw.get<{ villages: Array<{ villageCode: string; households: number; surveyed: number }> }>(
        `/api/v1/coverage?villageCode=${demoVillage}&month=${month}`,
        as('town'),
      )
    ).body.villages.find((v) => v.villageCode === demoVillage);
  const alertsOf = async (id: string) =>
    (await gw.get<{ items: AlertView[] }>(`/api/v1/alerts?subjectId=${id}`, as('town'))).body.items;
  const alerts = () => alertsOf(householdId);
  const escalations = async (alertId: string) =>
    (await gw.get<{ items: unknown[] }>(`/api/v1/deliveries?alertId=${alertId}&kind=escalation`, as('admin')))
      .body.items ?? [];

  beforeAll(async () => {
    await platform.start(['households', 'monitoring', 'rules', 'notifier', 'projects', 'gateway']);
    gw = platform.apps.gateway;
    tokens.set('admin', await login(GATEWAY_ADMIN.username, GATEWAY_ADMIN.password));
    for (const [who, role, unit] of [
      ['town', 'town-official', demoVillage.slice(0, 9)],
      ['village', 'village-cadre', demoVillage],
    ] as const) {
      const username = `u-closure-${who}`;
      const created = await gw.post(
        '/api/v1/users',
        { username, displayName: who, password: `${username}-password`, roles: [{ role, unit }] },
        as('admin'),
      );
      expect(created.status).toBe(201);
      tokens.set(who, await login(username, `${username}-password`));
    }
    householdId = await platform.registerMonitoredHousehold('HH-CLOSE-1');
    otherId = await platform.registerMonitoredHousehold('HH-CLOSE-2');
  }, 300_000);

  afterAll(() => platform.stop());

  it('before: both households count in coverage and low-income surveys raise their alerts', async () => {
    await waitFor(
      'coverage to count both households',
      async () => (await coverage())?.households === 2,
      LONG,
    );
    for (const id of [householdId, otherId]) {
      const survey = await gw.post('/api/v1/surveys', aSurvey(id, { month }), as('town'));
      expect(survey.status).toBe(201);
      await waitFor(
        'the income alert',
        async () => (await alertsOf(id)).some((a) => a.status === 'open'),
        LONG,
      );
    }
    await waitFor('coverage to count the surveys', async () => (await coverage())?.surveyed === 2, LONG);
  }, 300_000);

  it('a village cadre may not close it: 403, and nothing changes', async () => {
    const before = await gw.get<HouseholdView>(`/api/v1/households/${householdId}`, as('village'));
    const res = await gw.post(
      `/api/v1/households/${householdId}/closure`,
      { reason: 'death', on: today },
      as('village'),
    );
    expect(res.status).toBe(403);
    const after = await gw.get<HouseholdView>(`/api/v1/households/${householdId}`, as('village'));
    expect(after.body).toMatchObject({ status: 'active', version: before.body.version });
    expect(after.body.closure).toBeUndefined();
  });

  it('bad input is refused naming the field, and changes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ reason: 'vanished', on: today }, 'reason'],
      [{ reason: 'death', on: '2026-02-30' }, 'on'],
      [{ reason: 'merged', on: today }, 'mergedInto'],
      [{ reason: 'death', on: today, mergedInto: otherId }, 'mergedInto'],
    ];
    for (const [body, field] of cases) {
      const res = await gw.post<Problem>(`/api/v1/households/${householdId}/closure`, body, as('town'));
      expect(res.status).toBe(400);
      expect(res.body.problems?.map((p) => p.field)).toContain(field);
    }
    const after = await gw.get<HouseholdView>(`/api/v1/households/${householdId}`, as('town'));
    expect(after.body.status).toBe('active');
  });

  it('a town official closes it (死亡): the record says so, and a second closure is 409', async () => {
    const res = await gw.post<HouseholdView>(
      `/api/v1/households/${householdId}/closure`,
      { reason: 'death', on: today, note: '户主及配偶均已去世' },
      as('town'),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'closed', closure: { reason: 'death', on: today } });
    const again = await gw.post<Problem>(
      `/api/v1/households/${householdId}/closure`,
      { reason: 'moved_out', on: today },
      as('town'),
    );
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('注销');
    // and it cannot be changed afterwards
    const edit = await gw.request(
      'PATCH',
      `/api/v1/households/${householdId}`,
      { collector: '张三' },
      as('town'),
    );
    expect(edit.status).toBe(409);
    const history = await gw.get<{ history: Array<{ action: string; reason?: string }> }>(
      `/api/v1/households/${householdId}/lifecycle-transitions`,
      as('town'),
    );
    expect(history.body.history.at(-1)).toMatchObject({ action: 'close', reason: 'death' });
  });

  it('rules closes its open alert with the reason', async () => {
    const closed = await waitFor(
      'the alert to be closed',
      async () => {
        const list = await alerts();
        return list.length > 0 && list.every((a) => a.status === 'resolved') ? list : undefined;
      },
      LONG,
    );
    expect(closed[0]).toMatchObject({ resolution: 'auto', resolutionNote: '户已注销（死亡）' });
    // the other household's alert stays open
    expect((await alertsOf(otherId)).map((a) => a.status)).toEqual(['open']);
  }, 180_000);

  it("the notifier escalates the open household's alert, never the closed one's", async () => {
    const [open] = await alertsOf(otherId);
    const [closed] = await alerts();
    await waitFor(
      'the open alert to escalate to the town',
      async () => (await escalations(open.id)).length > 0,
      {
        timeoutMs: 240_000,
        intervalMs: 1_000,
      },
    );
    expect(await escalations(closed.id)).toEqual([]);
  }, 300_000);

  it('coverage no longer counts it, and a survey for it is refused in Chinese', async () => {
    await waitFor(
      'coverage to drop the household',
      async () => {
        const c = await coverage();
        return c?.households === 1 && c.surveyed === 1;
      },
      LONG,
    );
    const due = await gw.get<{ items: Array<{ householdId: string }> }>(
      `/api/v1/coverage/households?villageCode=${demoVillage}&month=${month}`,
      as('town'),
    );
    expect(due.body.items.map((h) => h.householdId)).toEqual([otherId]);
    expect(due.body.items.map((h) => h.householdId)).not.toContain(householdId);
    const survey = await gw.post<Problem>('/api/v1/surveys', aSurvey(householdId, { month }), as('town'));
    expect(survey.status).toBe(409);
    expect(survey.body.message).toContain('注销');
    expect(survey.body.problems?.[0].field).toBe('householdId');
  });

  it('the closure reached every app that keeps the household: monitoring, rules and projects read it', async () => {
    await crossesHop('households', 'monitoring', 'household.closed.v1', platform);
    await crossesHop('households', 'rules', 'household.closed.v1', platform);
    await crossesHop('households', 'projects', 'household.closed.v1', platform);
  });

  it('the closed household stays readable, findable by status and exportable with its closure', async () => {
    const read = await gw.get<HouseholdView>(`/api/v1/households/${householdId}`, as('village'));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'closed', closure: { reason: 'death', on: today } });
    const closedList = await gw.get<{ items: Array<{ id: string; status: string }> }>(
      `/api/v1/households?status=closed&view=summary&villageCode=${demoVillage}`,
      as('village'),
    );
    expect(closedList.body.items.map((h) => h.id)).toEqual([householdId]);
    const openList = await gw.get<{ items: Array<{ id: string }> }>(
      `/api/v1/households?status=active&view=summary&villageCode=${demoVillage}`,
      as('village'),
    );
    expect(openList.body.items.map((h) => h.id)).toEqual([otherId]);

    const down = await fetch(`${gw.url}/api/v1/household-ledger/export?villageCode=${demoVillage}`, {
      headers: { authorization: `Bearer ${tokens.get('town')}` },
    });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe(XLSX);
    const sheets = await readXlsxFile(Buffer.from(await down.arrayBuffer()));
    const rows = sheets.find((s) => s.sheet === '户信息')!.data;
    const head = rows[0] as string[];
    const row = rows.find((r) => r[head.indexOf('户编号')] === 'HH-CLOSE-1')!;
    expect(row[head.indexOf('户状态')]).toBe('已注销');
    expect(row[head.indexOf('注销原因')]).toBe('死亡');
    expect(String(row[head.indexOf('注销时间')])).toBe(today);
    const other = rows.find((r) => r[head.indexOf('户编号')] === 'HH-CLOSE-2')!;
    expect(other[head.indexOf('户状态')]).toBe('在册');
  });
});
