import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import { devToken, infra, ReceivedRequest, waitFor, WebhookSink } from '@lib/testing';
import { alertIdsOf, arrivals, busiestWindow, deduped, NotifierHarness, waitForAll } from './harness';

const LIMIT = 20;
const WINDOW_MS = 2_000;
const BLOCK_MS = 1_500;

/** A robot that answers errcode 130101 ("sending too fast, blocked") to its first message. */
async function blockingRobot() {
  const accepted: ReceivedRequest[] = [];
  const refusedAt: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (refusedAt.length === 0) {
        refusedAt.push(Date.now());
        res.end(JSON.stringify({ errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' }));
        return;
      }
      accepted.push({
        at: Date.now(),
        path: req.url ?? '',
        headers: req.headers,
        body,
        json: JSON.parse(body),
      });
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send`;
  return { url, accepted, refusedAt, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * Alerts reach the right robots under their rate limit: a burst arrives as digests, at most
 * LIMIT messages in any window, every alert in exactly one message — also when the robot fails
 * half the time and when the notifier is killed mid-burst.
 */
describe('notifier: channels and robot digests (real Kafka, FerretDB, Redis)', () => {
  const h = new NotifierHarness({
    ROBOT_RATE_LIMIT: String(LIMIT),
    ROBOT_RATE_WINDOW_MS: String(WINDOW_MS),
    // generous under load: a send that times out after the robot took it is sent again (a duplicate)
    ROBOT_LOCK_MS: '12000',
    DELIVERY_TIMEOUT_MS: '10000',
    DELIVERY_BACKOFF_MS: '50',
    DELIVERY_ATTEMPTS: '30',
    ROBOT_BLOCK_MS: String(BLOCK_MS),
  });
  const sinks: WebhookSink[] = [];
  const newSink = async () => {
    const s = await new WebhookSink().start();
    sinks.push(s);
    return s;
  };

  beforeAll(async () => {
    await h.start();
  }, 90_000);

  afterAll(async () => {
    await h.stop();
    await Promise.all(sinks.map((s) => s.stop()));
  });

  it('configures channels per org unit: secrets sealed at rest, masked by the API, scoped', async () => {
    const sink = await newSink();
    const id = await h.robot('621299104', sink);
    const shown = await h.app.get<{ target: Record<string, string> }>(`/api/v1/channels/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.target).toMatchObject({ kind: 'dingtalk-robot', secret: '******' });
    expect(JSON.stringify(shown.body)).not.toMatch(/SEC-621299104|tok-621299104/);

    const mongo = await MongoClient.connect(infra.mongoUrl);
    try {
      const raw = await mongo
        .db(`${h.runId}_notifier`)
        .collection('channels')
        .findOne({ _id: id as never });
      expect(JSON.stringify(raw)).not.toMatch(/SEC-621299104|tok-621299104/);
    } finally {
      await mongo.close();
    }

    const otherTown = await devToken({
      sub: 'u-other',
      kind: 'user',
      name: '其他乡镇干部',
      grants: [{ role: 'town-official', unit: '621299102' }],
    });
    expect((await h.app.get(`/api/v1/channels/${id}`, { token: otherTown })).status).toBe(404);
    const outside = await h.app.post(
      '/api/v1/channels',
      { name: '越权', unit: '621299104', target: { kind: 'wecom-robot', url: sink.url } },
      { token: otherTown },
    );
    expect(outside.status).toBe(403);
    const bad = await h.app.post<{ message: string }>('/api/v1/channels', {
      name: '坏配置',
      unit: '621299104',
      target: { kind: 'sms', url: sink.url, appKey: 'k', secret: 's', templateId: 't', phones: ['123'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('target.phones.0');
  });

  it('a burst of 200 alerts reaches the town robot as digests within the limit, each alert once', async () => {
    const sink = await newSink();
    await h.robot('621299101', sink);
    const ids = await h.raise('621299101201', 200, 'burst');
    await waitForAll(sink, ids, 90_000);

    expect(sink.received.length).toBeLessThan(200); // merged into digests
    expect(busiestWindow(sink.received, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    const got = arrivals(sink.received);
    expect([...got.keys()].sort()).toEqual([...ids].sort());
    expect([...got.values()].every((n) => n === 1)).toBe(true);
    expect(sink.received.some((r) => alertIdsOf(r).length > 1)).toBe(true);

    // the delivery log records the outcome just after the send
    type Counts = { items: Array<{ status: string; channel: string; count: number }> };
    const counts = await waitFor(
      'the delivery log to record every send',
      async () => {
        const r = await h.app.get<Counts>('/api/v1/deliveries/counts?townCode=621299101');
        return r.body.items.length === 1 && r.body.items[0].status === 'delivered' && r.body.items;
      },
      { timeoutMs: 30_000 },
    );
    expect(counts).toEqual([{ status: 'delivered', channel: 'dingtalk-robot', count: 200 }]);
  }, 150_000);

  it('a robot that fails half the time still gets every alert exactly once', async () => {
    const sink = await newSink();
    sink.failureRate = 0.5;
    await h.robot('621299102', sink);
    const ids = await h.raise('621299102201', 100, 'flaky');
    await waitForAll(sink, ids, 90_000);

    expect(busiestWindow(sink.received, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    const got = arrivals(sink.received);
    expect(got.size).toBe(100);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
    const failed = await h.app.get<{ total: number }>('/api/v1/deliveries?status=failed&townCode=621299102');
    expect(failed.body.total).toBe(0);
  }, 120_000);

  it('a robot that reports blocking (130101) is left alone for the block time, then gets every alert once', async () => {
    const robot = await blockingRobot();
    try {
      const res = await h.app.post('/api/v1/channels', {
        name: '621299105 值班群机器人',
        unit: '621299105',
        target: { kind: 'wecom-robot', url: `${robot.url}?key=k105` },
      });
      expect(res.status).toBe(201);
      const ids = await h.raise('621299105201', 60, 'blocked');
      await waitFor('every alert after the block', () => arrivals(robot.accepted).size === ids.length, {
        timeoutMs: 60_000,
      });
      expect(robot.refusedAt).toHaveLength(1);
      expect(robot.accepted[0].at - robot.refusedAt[0]).toBeGreaterThanOrEqual(BLOCK_MS - 50);
      expect([...arrivals(robot.accepted).values()].every((n) => n === 1)).toBe(true);
    } finally {
      await robot.close();
    }
  }, 90_000);

  it('killing the notifier mid-burst and restarting it loses and duplicates nothing', async () => {
    const sink = await newSink();
    await h.robot('621299103', sink);
    const first = await h.raise('621299103201', 100, 'crash-a');
    await waitFor('the first digest', () => sink.received.length > 0, { timeoutMs: 30_000, intervalMs: 20 });
    await h.app.kill(); // kill -9 while the burst is being sent
    const second = await h.raise('621299103202', 100, 'crash-b'); // the burst goes on while it is down
    await h.app.start();
    const ids = [...first, ...second];
    await waitForAll(sink, ids, 90_000);

    const kept = deduped(sink.received); // the relay drops a repeated Idempotency-Key
    const got = arrivals(kept);
    expect(got.size).toBe(200);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
    expect(busiestWindow(sink.received, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
  }, 120_000);
});
