import { createHash, createHmac, randomBytes } from 'node:crypto';
import { waitFor } from '@lib/testing';
import { aHousehold, GATEWAY_ADMIN, Platform } from './platform';

interface Page<T> {
  items: T[];
  total: number;
}
interface Alert {
  id: string;
  ruleId: string;
  status: string;
  title: string;
  message: string;
}

/** A valid 18-digit 居民身份证 number of the household head (born 1968-04-12). */
const HEAD_ID = '62122219680412001X';

/**
 * 医保 pushes a household member's yearly out-of-pocket medical spending through the gateway, signed
 * with its integration key exactly as apps/monitoring/src/department-facts/README.md tells an integrator
 * (built here with node:crypto from that text, not with the platform's signing code): the gateway checks
 * it, monitoring matches the person by the keyed hash of the ID number (from households' registration),
 * rules raises the medical alerts and the notifier delivers them — gateway, households, monitoring,
 * rules and notifier as separate processes over Kafka.
 */
describe('department push → medical alert, end to end through the gateway', () => {
  const platform = new Platform();
  let admin: string;
  let key: { keyId: string; secret: string };
  let householdId: string;
  const gw = () => platform.apps.gateway;

  /** The department's own client: the documented signature over the raw body. */
  async function departmentPost(
    path: string,
    payload: unknown,
    opts: { nonce?: string; secret?: string } = {},
  ) {
    const body = JSON.stringify(payload);
    const timestamp = String(Date.now());
    const nonce = opts.nonce ?? `yb${randomBytes(12).toString('hex')}`;
    const digest = createHash('sha256').update(body).digest('hex');
    const signature = createHmac('sha256', opts.secret ?? key.secret)
      .update(['POST', path, timestamp, nonce, digest].join('\n'))
      .digest('hex');
    const res = await fetch(`${gw().url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': key.keyId,
        'x-timestamp': timestamp,
        'x-nonce': nonce,
        'x-signature': signature,
      },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    await platform.start(['households', 'monitoring', 'rules', 'notifier', 'gateway']);
    const login = await gw().post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    expect(login.status).toBe(200);
    admin = login.body.accessToken;
    const created = await gw().post<{ keyId: string; secret: string }>(
      '/api/v1/integration-clients',
      { name: '县医疗保障局', unit: '621299' },
      { token: admin },
    );
    expect(created.status).toBe(201);
    key = created.body;
    // a registered household whose head carries the ID number the department knows
    const members = aHousehold('0901').members.map((m, i) => (i === 0 ? { ...m, idNumber: HEAD_ID } : m));
    const hh = await gw().post<{ id: string }>('/api/v1/households', aHousehold('0901', { members }), {
      token: admin,
    });
    expect(hh.status).toBe(201);
    householdId = hh.body.id;
    await waitFor(
      'monitoring to know the household',
      async () =>
        (await platform.apps.monitoring.get(`/api/v1/monitored-households/${householdId}`)).status === 200,
    );
  }, 360_000);

  afterAll(() => platform.stop(), 60_000);

  const yearlyTotal = (sourceRecordId: string, amount: number) => ({
    facts: [
      {
        department: 'medical_insurance',
        sourceRecordId,
        kind: 'medical_out_of_pocket',
        countyCode: '621299',
        idNumber: HEAD_ID,
        amount,
        occurredOn: '2026-10-12',
        period: '2026',
      },
    ],
  });

  it('a wrong signature is 401 and nothing is received', async () => {
    const r = await departmentPost('/api/v1/department-facts', yearlyTotal('YB-2026-BAD', 15000), {
      secret: 'not-the-secret',
    });
    expect(r.status).toBe(401);
    const facts = await gw().get<Page<unknown>>(`/api/v1/department-facts?householdId=${householdId}`, {
      token: admin,
    });
    expect(facts.body.total).toBe(0);
  }, 60_000);

  it('a signed yearly total above the rural income raises the medical alerts, and the notifier delivers them', async () => {
    const pushed = await departmentPost('/api/v1/department-facts', yearlyTotal('YB-2026-000123', 15000));
    expect(pushed).toMatchObject({ status: 200, body: { received: 1, matched: 1, unmatched: 0 } });

    const alerts = await waitFor('the medical alerts in rules', async () => {
      const r = await gw().get<Page<Alert>>(`/api/v1/alerts?subjectId=${householdId}`, { token: admin });
      const ids = r.body.items?.map((a) => a.ruleId) ?? [];
      return ids.includes('medical-out-of-pocket-full-rural-income') &&
        ids.includes('medical-out-of-pocket-year')
        ? r.body.items
        : undefined;
    });
    const full = alerts.find((a) => a.ruleId === 'medical-out-of-pocket-full-rural-income')!;
    expect(full).toMatchObject({ status: 'open', title: '医疗自付费用超农村居民人均可支配收入' });
    expect(full.message).toBe(
      '户 0901：本年度医疗自付费用累计 15000 元，超过全省农村居民人均可支配收入（13131 元）。请 24 小时内入户核实，启动医疗救助和防返贫帮扶。',
    );
    // above 100 %, the 50 % one does not raise as well
    expect(alerts.map((a) => a.ruleId)).not.toContain('medical-out-of-pocket-half-rural-income');

    await waitFor('the notifier to deliver the alert', () =>
      platform.sink.received.some((m) => (m.json as { alertId?: string }).alertId === full.id),
    );
    const delivered = await waitFor('the delivery logged', async () => {
      const r = await gw().get<Page<{ status: string }>>(`/api/v1/deliveries?alertId=${full.id}`, {
        token: admin,
      });
      return r.body.items?.some((d) => d.status === 'delivered') ? r.body : undefined;
    });
    expect(delivered.total).toBeGreaterThan(0);
    const message = platform.sink.received.find((m) => (m.json as { alertId?: string }).alertId === full.id)!;
    expect(message.json).toMatchObject({ title: '医疗自付费用超农村居民人均可支配收入' });
    // the ID number travelled nowhere in clear
    expect(JSON.stringify(message.json)).not.toContain(HEAD_ID);
  }, 180_000);

  it('the same push again (same nonce) is refused; the same record with a new nonce is a duplicate', async () => {
    const nonce = `yb${randomBytes(12).toString('hex')}`;
    const first = await departmentPost('/api/v1/department-facts', yearlyTotal('YB-2026-000124', 100), {
      nonce,
    });
    expect(first.status).toBe(200);
    const replay = await departmentPost('/api/v1/department-facts', yearlyTotal('YB-2026-000124', 100), {
      nonce,
    });
    expect(replay.status).toBe(401);
    const again = await departmentPost('/api/v1/department-facts', yearlyTotal('YB-2026-000124', 100));
    expect(again).toMatchObject({ status: 200, body: { duplicates: 1 } });
  }, 60_000);
});
