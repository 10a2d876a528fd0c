import { AppName, devToken, SmsSink, waitFor } from '@lib/testing';
import { crossesHop } from '../../../test/hops/cross';
import { demoVillage, GATEWAY_ADMIN, Platform } from '../../../test/e2e/platform';

/** A deadline day of 4 s: a 2-day category is due 8 s after intake, its warning 4 s before. */
const DAY_MS = 4000;
const COUNTY = '621299';
const TOWN = demoVillage.slice(0, 9);
const ASSIGNEE = { userId: 'u-cadre-li', name: '李明', phone: '13900000001' };

type Refusal = { statusCode: number; message: string; problems?: Array<{ field: string; reason: string }> };
type Req = {
  id: string;
  number: string;
  status: string;
  round: number;
  channel: string;
  phoneMasked: string;
  lateEver: boolean;
  history: Array<{ action: string }>;
};
type AlertView = { id: string; title: string; period: string; status: string; subjectId: string };
type Stats = {
  villageCode: string;
  total: number;
  byCategory: Record<string, number>;
  concluded: number;
  concludedOnTime: number;
  onTimeRate: number | null;
  ratings: Record<string, number>;
  satisfactionRate: number | null;
};

/** The platform with the SMS sink as the notifier's and the requests app's gateway, and short days. */
class RequestsPlatform extends Platform {
  readonly sms = new SmsSink();

  override envOf(app: AppName): Record<string, string> {
    const sms = {
      REQUESTS_SMS_GATEWAY_URL: this.sms.url,
      REQUESTS_SMS_APP_KEY: this.sms.appKey,
      REQUESTS_SMS_SECRET: this.sms.secret,
      NOTIFIER_SMS_GATEWAY_URL: this.sms.url,
      NOTIFIER_SMS_APP_KEY: this.sms.appKey,
      NOTIFIER_SMS_SECRET: this.sms.secret,
      NOTIFIER_SMS_TEMPLATE_ID: 'SMS_ALERT',
    };
    const own: Partial<Record<AppName, Record<string, string>>> = {
      requests: {
        ...sms,
        REQUESTS_DAY_MS: String(DAY_MS),
        REQUESTS_DEADLINE_CHECK_EVERY_MS: '300',
        REQUESTS_SMS_COOLDOWN_SECONDS: '0',
        REQUESTS_SMS_PER_PHONE_PER_HOUR: '3',
        REQUESTS_SMS_PER_IP_PER_HOUR: '1000',
        REQUESTS_SUBMISSIONS_PER_PHONE_PER_DAY: '1',
      },
      // a minute of escalation is 10 ms here: 超期 (24 h) escalates to the town after ≈ 14 s
      notifier: { ...sms, ESCALATION_MINUTE_MS: '10' },
    };
    return { ...super.envOf(app), ...(own[app] ?? {}) };
  }

  override async start(names: AppName[]) {
    await this.sms.start();
    return super.start(names);
  }

  override async stop() {
    await super.stop();
    await this.sms.stop();
  }
}

/**
 * 民事直说 on the real stack: a resident files a request on the public form through the gateway
 * (no account; the SMS code read from the local SMS sink), a cadre is assigned and answers late —
 * 诉求办理超期 is raised once by rules and reaches the assignee's phone through the notifier, and
 * escalates; 不满意 reopens it, 满意 closes it, the village's statistics show all of it. Bad input
 * on the public form is refused with a Chinese reason and stores nothing.
 */
describe('requests: residents’ requests from the public form to the village statistics', () => {
  const p = new RequestsPlatform();
  let admin: string;
  let cadre: string;

  const gw = (method: string, path: string, body?: unknown, token: string | null = admin) =>
    p.apps.gateway.request<unknown>(method, path, body, { token });
  const app = <T>(method: string, path: string, body?: unknown, token = cadre) =>
    p.apps.requests.request<T>(method, path, body, { token });
  const codeSentTo = async (phone: string) => {
    const before = p.sms.to(phone).length;
    const res = await gw('POST', '/api/v1/public/resident-requests/sms-codes', { phone }, null);
    expect(res.status).toBe(202);
    const sms = await waitFor(`the code SMS to ${phone}`, () => p.sms.to(phone)[before]);
    expect(sms.templateId).toBe('SMS_VERIFY_CODE');
    return sms.params.code;
  };
  const villageTotal = async () =>
    (await app<{ total: number }>('GET', `/api/v1/resident-requests?villageCode=${demoVillage}`)).body.total;

  beforeAll(async () => {
    await p.start(['requests', 'rules', 'notifier', 'gateway']);
    const login = await p.apps.gateway.post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    admin = login.body.accessToken;
    cadre = await devToken({
      sub: ASSIGNEE.userId,
      kind: 'user',
      name: ASSIGNEE.name,
      grants: [{ role: 'village-cadre', unit: demoVillage }],
    });
    // the gateway learns the routes from the apps' API descriptions
    await waitFor('the gateway to route the public form', async () => {
      const r = await gw('POST', '/api/v1/public/resident-requests/sms-codes', { phone: 'x' }, null);
      return r.status === 400;
    });
  }, 300_000);
  afterAll(() => p.stop());

  it('files, assigns, runs late (诉求办理超期 once, to the assignee, escalated), reopens on 不满意, closes on 满意, counts', async () => {
    // the county's deadline for 基础设施: 2 days, the warning 1 day before
    const put = await gw('PUT', `/api/v1/resident-request-deadlines/${COUNTY}`, {
      days: { infrastructure: 2 },
      warnDaysBefore: 1,
    });
    expect(put.status).toBe(200);
    // the assignee's own phone, for the notifier
    const contact = await p.apps.notifier.request('PUT', `/api/v1/contacts/${ASSIGNEE.userId}`, {
      name: ASSIGNEE.name,
      unit: demoVillage,
      phone: ASSIGNEE.phone,
    });
    expect(contact.status).toBe(200);

    // the resident, no account: a code by SMS, then the form
    const phone = '13712345678';
    const code = await codeSentTo(phone);
    const filed = await gw(
      'POST',
      '/api/v1/public/resident-requests',
      {
        phone,
        code,
        name: '王大山',
        villageCode: demoVillage,
        category: 'infrastructure',
        content: '村口便桥护栏损坏，老人孩子过桥危险',
      },
      null,
    );
    expect(filed.status).toBe(201);
    const { id, number } = filed.body as { id: string; number: string };
    expect(number).toMatch(/^MS\d{8}-/);

    const seen = await app<Req>('GET', `/api/v1/resident-requests/${id}`);
    expect(seen.body).toMatchObject({
      status: 'accepted',
      channel: 'public_form',
      phoneMasked: '137****5678',
      round: 1,
    });
    expect(JSON.stringify(seen.body)).not.toContain(phone);

    const assigned = await app<Req>('POST', `/api/v1/resident-requests/${id}/assignment`, {
      assigneeUserId: ASSIGNEE.userId,
      assigneeName: ASSIGNEE.name,
    });
    expect(assigned.status).toBe(200);
    expect((await app<Req>('POST', `/api/v1/resident-requests/${id}/start`)).body.status).toBe('in_progress');

    // nobody answers: 即将超期 at 4 s, 超期 at 8 s, each raised once by rules
    const alertsOf = async () =>
      (await p.apps.rules.get<{ items: AlertView[] }>(`/api/v1/alerts?subjectId=${id}&pageSize=50`)).body
        .items;
    const overdue = await waitFor(
      '诉求办理超期 to be raised',
      async () => (await alertsOf()).find((a) => a.title === '诉求办理超期'),
      { timeoutMs: 60_000 },
    );
    // the assignee's phone gets the 超期 alert, once
    await waitFor('the 超期 SMS at the assignee’s phone', () =>
      p.sms.to(ASSIGNEE.phone).some((s) => s.params.alertId === overdue.id),
    );
    // and it escalates to the town when nobody acknowledges it
    await waitFor(
      'the escalation of 诉求办理超期',
      async () => {
        const r = await p.apps.notifier.get<{ items: Array<{ alertId: string }> }>(
          `/api/v1/deliveries?kind=escalation&level=1&townCode=${TOWN}`,
        );
        return r.body.items.some((d) => d.alertId === overdue.id);
      },
      { timeoutMs: 60_000 },
    );
    // several more deadline checks later: still one alert per stage, one SMS for the 超期
    const checksBefore = Date.now();
    await waitFor('more deadline checks to pass', () => Date.now() - checksBefore > 1500);
    const alerts = await alertsOf();
    expect(alerts.map((a) => a.title).sort()).toEqual(['诉求办理即将超期', '诉求办理超期']);
    expect(p.sms.to(ASSIGNEE.phone).filter((s) => s.params.alertId === overdue.id)).toHaveLength(1);
    const deliveries = await p.apps.notifier.get<{
      items: Array<{ alertId: string; recipient: string; channel: string; status: string }>;
    }>(`/api/v1/deliveries?recipient=assignee:${ASSIGNEE.userId}&kind=alert`);
    expect(deliveries.body.items.filter((d) => d.alertId === overdue.id)).toEqual([
      expect.objectContaining({ channel: 'sms', status: 'delivered' }),
    ]);

    // answered late: concluded, the alerts resolved
    const late = await app<Req & { lateEver: boolean }>(
      'POST',
      `/api/v1/resident-requests/${id}/conclusion`,
      {
        answer: '已协调镇交通办修复护栏',
      },
    );
    expect(late.body).toMatchObject({ status: 'concluded', lateEver: true });
    await waitFor('the alerts to be resolved once it is concluded', async () =>
      (await alertsOf()).every((a) => a.status === 'resolved'),
    );

    // 回访: 不满意 reopens it (round 2), 满意 closes it
    const reopened = await app<Req>('POST', `/api/v1/resident-requests/${id}/rating`, {
      rating: 'dissatisfied',
      note: '护栏仍有松动',
    });
    expect(reopened.body).toMatchObject({ status: 'in_progress', round: 2 });
    await app('POST', `/api/v1/resident-requests/${id}/conclusion`, { answer: '护栏已加固并验收' });
    const closed = await app<Req>('POST', `/api/v1/resident-requests/${id}/rating`, { rating: 'satisfied' });
    expect(closed.body.status).toBe('visited');
    expect(closed.body.history.map((h) => h.action)).toEqual([
      'received',
      'assigned',
      'started',
      'concluded',
      'reopened',
      'concluded',
      'rated',
    ]);
    // closed: no more rating
    const again = await app<Refusal>('POST', `/api/v1/resident-requests/${id}/rating`, {
      rating: 'satisfied',
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('诉求已回访评价');

    // the village's statistics, through the gateway
    const stats = await gw('GET', `/api/v1/resident-request-statistics?villageCode=${demoVillage}`);
    expect(stats.status).toBe(200);
    const row = (stats.body as { items: Stats[] }).items.find((s) => s.villageCode === demoVillage)!;
    expect(row).toMatchObject({
      total: 1,
      concluded: 1,
      concludedOnTime: 0,
      onTimeRate: 0,
      ratings: { satisfied: 1, basically_satisfied: 0, dissatisfied: 1 },
      satisfactionRate: 0.5,
    });
    expect(row.byCategory).toMatchObject({ infrastructure: 1, policy_consultation: 0 });
  }, 240_000);

  it('refuses bad input on the public form with a clear Chinese reason, storing nothing', async () => {
    const before = await villageTotal();
    const form = (phone: string, code?: string) => ({
      phone,
      ...(code === undefined ? {} : { code }),
      name: '刘小红',
      villageCode: demoVillage,
      category: 'policy_consultation',
      content: '想咨询今年雨露计划补助怎么申请',
    });
    const submit = (body: unknown) => gw('POST', '/api/v1/public/resident-requests', body, null);

    // no code
    const noCode = await submit(form('13600000001'));
    expect(noCode.status).toBe(400);
    expect((noCode.body as Refusal).problems).toEqual([{ field: 'code', reason: '请填写短信验证码' }]);
    // a code never asked for
    const never = await submit(form('13600000001', '123456'));
    expect(never.status).toBe(400);
    expect((never.body as Refusal).problems?.[0]).toMatchObject({
      field: 'code',
      reason: expect.stringContaining('请先点击“获取验证码”'),
    });
    // a wrong code
    const right = await codeSentTo('13600000001');
    const wrong = await submit(form('13600000001', right === '000000' ? '111111' : '000000'));
    expect(wrong.status).toBe(400);
    expect((wrong.body as Refusal).problems).toEqual([
      { field: 'code', reason: '验证码不正确，请核对短信中的 6 位数字' },
    ]);
    // a flood of codes to one number: the 4th within the hour is refused
    await codeSentTo('13600000002');
    await codeSentTo('13600000002');
    await codeSentTo('13600000002');
    const flood = await gw(
      'POST',
      '/api/v1/public/resident-requests/sms-codes',
      { phone: '13600000002' },
      null,
    );
    expect(flood.status).toBe(429);
    expect((flood.body as Refusal).message).toBe('该手机号 1 小时内获取验证码已达 3 次，请稍后再试');
    // a flood of submissions from one number: one a day here, the second refused even with a good code
    const ok = await submit(form('13600000003', await codeSentTo('13600000003')));
    expect(ok.status).toBe(201);
    const second = await submit(form('13600000003', await codeSentTo('13600000003')));
    expect(second.status).toBe(429);
    expect((second.body as Refusal).message).toBe('该手机号今日已提交 1 件诉求，请明日再试或直接联系村干部');
    // a bad phone and a bad category name their fields
    const bad = await submit({ ...form('12345', '123456'), category: 'tax' });
    expect(bad.status).toBe(400);
    expect((bad.body as Refusal).problems?.map((x) => x.field).sort()).toEqual(['category', 'phone']);
    // only the good one was stored
    expect(await villageTotal()).toBe(before + 1);
  }, 180_000);

  it('crossed the hops: requests → rules (deadlines reached, requests concluded)', async () => {
    await crossesHop('requests', 'rules', 'resident-request.deadline-reached.v1', p);
    await crossesHop('requests', 'rules', 'resident-request.status-changed.v1', p);
  });
});
