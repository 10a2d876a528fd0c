import { createHash, createHmac } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import { Topics } from '@lib/contracts';
import { devToken, infra, waitFor } from '@lib/testing';
import { NotifierHarness } from './harness';

const SMS_SECRET = 'person-sms-secret';

interface Sms {
  phone: string;
  alertId: string;
  requestId: string;
}

/** A local SMS gateway: checks the HMAC signature and the template call, keeps every accepted SMS. */
async function smsGateway() {
  const accepted: Sms[] = [];
  const rejected: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const ts = String(req.headers['x-timestamp']);
      const digest = createHash('sha256').update(body).digest('hex');
      const expected = createHmac('sha256', SMS_SECRET).update(`${ts}\n${digest}`).digest('hex');
      const msg = JSON.parse(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      if (
        req.headers['x-signature'] !== expected ||
        msg.appKey !== 'person-app' ||
        msg.templateId !== 'SMS_PERSON'
      ) {
        rejected.push(body);
        res.end(JSON.stringify({ code: 'SignatureDoesNotMatch', message: 'bad signature' }));
        return;
      }
      accepted.push({ phone: msg.phone, alertId: msg.params.alertId, requestId: msg.requestId });
      res.end(JSON.stringify({ code: 'OK', message: 'OK' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/send`;
  return { url, accepted, rejected, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const VILLAGE = '621299101201';
const HOUSEHOLD = 'hh-paired-0001';
const ZHANG = { userId: 'u-zhang', name: '张三', orgUnit: '621299101' };
const WANG = { userId: 'u-wang', name: '王五', orgUnit: '621299' };
const ZHAO = { userId: 'u-zhao', name: '赵六', orgUnit: '621299101201' };

type DeliveryView = {
  channel: string;
  recipient: string;
  recipientName: string | null;
  status: string;
  attempts: Array<{ error: string | null }>;
};

/**
 * Alerts addressed to the paired cadre (帮扶责任人) reach the household's cadres on their own
 * phones: pairings from household.pairing-changed.v1 (newest wins), contacts managed through the
 * API (sealed, masked, scoped), one SMS per cadre however often the alert is delivered.
 */
describe('notifier: alerts reach the household’s paired cadre (real Kafka, FerretDB, Redis)', () => {
  let gateway: Awaited<ReturnType<typeof smsGateway>>;
  let h: NotifierHarness;

  beforeAll(async () => {
    gateway = await smsGateway();
    h = new NotifierHarness({
      NOTIFIER_SMS_GATEWAY_URL: gateway.url,
      NOTIFIER_SMS_APP_KEY: 'person-app',
      NOTIFIER_SMS_SECRET: SMS_SECRET,
      NOTIFIER_SMS_TEMPLATE_ID: 'SMS_PERSON',
      DELIVERY_BACKOFF_MS: '50',
    });
    await h.start();
  }, 90_000);

  afterAll(async () => {
    await h?.stop();
    await gateway?.close();
  });

  const smsFor = (alertId: string) => gateway.accepted.filter((s) => s.alertId === alertId);
  const deliveriesOf = async (alertId: string) =>
    (await h.app.get<{ items: DeliveryView[] }>(`/api/v1/deliveries?alertId=${alertId}`)).body.items;

  it('registers a cadre’s mobile: sealed at rest, masked in answers, only within the caller’s units', async () => {
    const put = await h.app.request<Record<string, unknown>>('PUT', `/api/v1/contacts/${ZHANG.userId}`, {
      name: ZHANG.name,
      unit: ZHANG.orgUnit,
      phone: '13800000001',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      userId: 'u-zhang',
      name: '张三',
      phone: '138****0001',
      channels: ['sms'],
    });
    expect(JSON.stringify(put.body)).not.toContain('13800000001');

    const mongo = await MongoClient.connect(infra.mongoUrl);
    try {
      const raw = await mongo
        .db(`${h.runId}_notifier`)
        .collection('contacts')
        .findOne({ _id: 'u-zhang' as never });
      expect(raw).not.toBeNull();
      expect(JSON.stringify(raw)).not.toContain('13800000001');
    } finally {
      await mongo.close();
    }

    const otherTown = await devToken({
      sub: 'u-other',
      kind: 'user',
      name: '其他乡镇干部',
      grants: [{ role: 'town-official', unit: '621299102' }],
    });
    expect((await h.app.get(`/api/v1/contacts/${ZHANG.userId}`, { token: otherTown })).status).toBe(404);
    const outside = await h.app.request(
      'PUT',
      `/api/v1/contacts/${ZHANG.userId}`,
      { name: '张三', unit: '621299101', phone: '13900000009' },
      { token: otherTown },
    );
    expect(outside.status).toBe(403);
    const bad = await h.app.request<{ message: string }>('PUT', '/api/v1/contacts/u-x', {
      name: '某人',
      unit: '621299101',
      phone: '123',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('phone');
  });

  it('sends a paired-cadre alert to the cadre’s phone once, however often it is delivered', async () => {
    await h.publishHousehold(h.pairingChanged(HOUSEHOLD, VILLAGE, 3, [ZHANG]));
    await waitFor('the pairing to be known', async () => {
      const r = await h.app.get<{ cadres: Array<{ userId: string; channels: string[] }> }>(
        `/api/v1/pairings/${HOUSEHOLD}`,
      );
      return (
        r.status === 200 && r.body.cadres[0]?.userId === 'u-zhang' && r.body.cadres[0].channels[0] === 'sms'
      );
    });

    const alert = h.alertRaised(VILLAGE, 'pc-a1', {
      subjectId: HOUSEHOLD,
      recipientRoles: ['paired-cadre', 'village-cadre'],
    });
    await h.publish(alert);
    await waitFor('the SMS at the cadre’s phone', () => smsFor('pc-a1').length === 1);
    expect(smsFor('pc-a1')[0].phone).toBe('13800000001');

    // redelivered alert (and pairing), then a later alert of the same household as a barrier
    await h.publish(alert);
    await h.publishHousehold(h.pairingChanged(HOUSEHOLD, VILLAGE, 3, [ZHANG]));
    await h.publish(
      h.alertRaised(VILLAGE, 'pc-a2', { subjectId: HOUSEHOLD, recipientRoles: ['paired-cadre'] }),
    );
    await waitFor('the second alert’s SMS', () => smsFor('pc-a2').length === 1);
    await h.caughtUp(Topics.rulesAlerts);
    expect(smsFor('pc-a1')).toHaveLength(1);

    const log = await waitFor('the delivery log to record the SMS', async () => {
      const items = await deliveriesOf('pc-a1');
      return items.length === 1 && items[0].status === 'delivered' && items;
    });
    expect(log[0]).toMatchObject({
      channel: 'sms',
      recipient: 'paired-cadre:u-zhang',
      recipientName: '张三',
    });
  });

  it('after the cadre is replaced the next alert goes to the new cadre only; an older pairing event changes nothing', async () => {
    await h.app.request('PUT', `/api/v1/contacts/${WANG.userId}`, {
      name: WANG.name,
      unit: WANG.orgUnit,
      phone: '13800000002',
    });
    await h.publishHousehold(h.pairingChanged(HOUSEHOLD, VILLAGE, 5, [WANG, ZHAO]));
    await h.publishHousehold(h.pairingChanged(HOUSEHOLD, VILLAGE, 4, [ZHANG])); // late, older: ignored
    await h.caughtUp(Topics.households);
    const pairing = await h.app.get<{ version: number; cadres: Array<{ userId: string }> }>(
      `/api/v1/pairings/${HOUSEHOLD}`,
    );
    expect(pairing.body.version).toBe(5);
    expect(pairing.body.cadres.map((c) => c.userId)).toEqual(['u-wang', 'u-zhao']);

    await h.publish(
      h.alertRaised(VILLAGE, 'pc-a3', { subjectId: HOUSEHOLD, recipientRoles: ['paired-cadre'] }),
    );
    await waitFor('the new cadre’s SMS', () => smsFor('pc-a3').length === 1);
    const log = await waitFor('both cadres in the delivery log', async () => {
      const items = await deliveriesOf('pc-a3');
      return items.length === 2 && items.every((d) => d.status !== 'pending') && items;
    });
    await h.caughtUp(Topics.rulesAlerts);
    expect(smsFor('pc-a3').map((s) => s.phone)).toEqual(['13800000002']);
    expect(gateway.accepted.filter((s) => s.phone === '13800000001').map((s) => s.alertId)).toEqual([
      'pc-a1',
      'pc-a2',
    ]);

    // 赵六 has no contact: the log says he was not reached rather than dropping him
    const zhao = log.find((d) => d.recipient === 'paired-cadre:u-zhao')!;
    expect(zhao).toMatchObject({ channel: 'none', status: 'failed', recipientName: '赵六' });
    expect(zhao.attempts[0].error).toMatch(/^帮扶责任人 赵六 未登记联系方式/);
    expect(gateway.rejected).toEqual([]);
  });
});
