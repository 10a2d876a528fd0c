import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { devToken, WebhookSink } from '@lib/testing';
import { NotifierHarness } from './harness';

interface TestAnswer {
  ok: boolean;
  status: number | null;
  error: string | null;
  latencyMs: number;
}

/** A robot that refuses every message with a DingTalk error code (e.g. a wrong signing secret). */
async function refusingRobot() {
  let calls = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls++;
      res.end(JSON.stringify({ errcode: 310000, errmsg: 'sign not match' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send`;
  return { url, calls: () => calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * 发送测试消息: an administrator checks a channel from the console; the receiver gets a message
 * plainly marked as a test, and a refusing receiver's reason comes back (nothing is logged as a delivery).
 */
describe('notifier: POST /api/v1/channels/:id/test (real FerretDB, Redis)', () => {
  const h = new NotifierHarness();
  const sink = new WebhookSink();

  beforeAll(async () => {
    await Promise.all([h.start(), sink.start()]);
  }, 90_000);

  afterAll(async () => {
    await h.stop();
    await sink.stop();
  });

  it('sends one signed test message to a webhook channel and answers ok with its latency', async () => {
    const created = await h.app.post<{ id: string }>('/api/v1/channels', {
      name: '银杏村值班接口',
      unit: '621299101203',
      target: { kind: 'webhook', url: sink.url, secret: 'hook-secret' },
    });
    expect(created.status).toBe(201);

    const res = await h.app.post<TestAnswer>(`/api/v1/channels/${created.body.id}/test`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, status: 200, error: null });
    expect(res.body.latencyMs).toBeGreaterThanOrEqual(0);

    expect(sink.received).toHaveLength(1);
    const got = sink.received[0];
    const json = got.json as { title: string; text: string };
    expect(json.title).toBe('推送渠道测试消息');
    expect(json.text).toContain('银杏村值班接口');
    const signed = createHmac('sha256', 'hook-secret')
      .update(`${String(got.headers['x-timestamp'])}\n${got.body}`)
      .digest('base64');
    expect(got.headers['x-signature']).toBe(signed);

    const log = await h.app.get<{ total: number }>('/api/v1/deliveries');
    expect(log.body.total).toBe(0);
  });

  it("answers a refusing robot's reason with ok false", async () => {
    const robot = await refusingRobot();
    try {
      const created = await h.app.post<{ id: string }>('/api/v1/channels', {
        name: '大山村工作群',
        unit: '621299101205',
        target: { kind: 'dingtalk-robot', url: `${robot.url}?access_token=t`, secret: 'SEC-wrong' },
      });
      const res = await h.app.post<TestAnswer>(`/api/v1/channels/${created.body.id}/test`, {});
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.error).toContain('310000');
      expect(res.body.error).toContain('sign not match');
      expect(robot.calls()).toBe(1);
    } finally {
      await robot.close();
    }
  });

  it('is refused to roles that do not manage channels and hides channels outside the scope', async () => {
    const created = await h.app.post<{ id: string }>('/api/v1/channels', {
      name: '二镇值班群',
      unit: '621299102',
      target: { kind: 'wecom-robot', url: `${sink.url}?key=k` },
    });
    const before = sink.received.length;
    const otherTown = await devToken({
      sub: 'u-town-1',
      kind: 'user',
      name: '一镇干部',
      grants: [{ role: 'town-official', unit: '621299101' }],
    });
    const cadre = await devToken({
      sub: 'u-cadre',
      kind: 'user',
      name: '村干部',
      grants: [{ role: 'village-cadre', unit: '621299102201' }],
    });
    const url = `/api/v1/channels/${created.body.id}/test`;
    expect((await h.app.post(url, {}, { token: otherTown })).status).toBe(404);
    expect((await h.app.post(url, {}, { token: cadre })).status).toBe(403);
    expect((await h.app.post('/api/v1/channels/not-an-id/test', {})).status).toBe(400);
    expect(
      (await h.app.post('/api/v1/channels/00000000-0000-4000-8000-000000000000/test', {})).status,
    ).toBe(404);
    expect(sink.received.length).toBe(before);
  });
});
