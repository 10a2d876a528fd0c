import { createRequire } from 'node:module';
import { waitFor } from '@lib/testing/wait-for';
import {
  kafkaRequestQueuePrototype,
  pendingCheckDelay,
  RequestQueueInternals,
} from './kafkajs-request-queue';

type Queue = RequestQueueInternals & { destroy(): void };
const RequestQueue = createRequire(__filename)('kafkajs/src/network/requestQueue') as new (
  options: object,
) => Queue;
const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function queue(): Queue {
  return new RequestQueue({
    maxInFlightRequests: null,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: 'localhost:9092',
    logger: silent,
  });
}

describe('kafkajs RequestQueue: no negative timer (TimeoutNegativeWarning on Node 24)', () => {
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  beforeEach(() => {
    warnings.length = 0;
    process.on('warning', onWarning);
  });
  afterEach(() => process.off('warning', onWarning));

  it('needs no check when nothing waits and no throttle is in force (kafkajs starts at throttledUntil = -1)', () => {
    const now = 1_796_335_493_446;
    expect(pendingCheckDelay(0, -1, now)).toBeNull();
    expect(pendingCheckDelay(0, now - 5, now)).toBeNull();
  });

  it('checks when the throttle ends, or after 10 ms when a request waits unthrottled', () => {
    expect(pendingCheckDelay(0, 1_030, 1_000)).toBe(30);
    expect(pendingCheckDelay(2, 1_030, 1_000)).toBe(30);
    expect(pendingCheckDelay(2, -1, 1_000)).toBe(10);
  });

  it('is installed on the kafkajs class by loading libs/messaging', () => {
    expect(RequestQueue.prototype.scheduleCheckPendingRequests).toBe(
      kafkaRequestQueuePrototype().scheduleCheckPendingRequests,
    );
    expect(RequestQueue.prototype.scheduleCheckPendingRequests.toString()).toContain('pendingCheckDelay');
  });

  it('an idle queue after a response arms no timer and Node warns of nothing', async () => {
    const q = queue();
    q.checkPendingRequests(); // what kafkajs runs on every response
    expect(q.throttleCheckTimeoutId).toBeNull();
    await new Promise((r) => setImmediate(r));
    expect(warnings.map((w) => w.name)).not.toContain('TimeoutNegativeWarning');
    q.destroy();
  });

  it('a request held by a broker throttle is still sent once the throttle ends', async () => {
    const q = queue();
    const sent: number[] = [];
    const start = Date.now();
    q.throttledUntil = start + 40;
    q.pending.push({ correlationId: 1, expectResponse: true, send: () => sent.push(Date.now()) });
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).not.toBeNull();
    await waitFor('the throttled request to be sent', () => sent.length === 1, {
      timeoutMs: 2_000,
      intervalMs: 5,
    });
    expect(sent[0] - start).toBeGreaterThanOrEqual(35);
    expect(q.pending).toHaveLength(0);
    expect(q.throttleCheckTimeoutId).toBeNull();
    expect(warnings.map((w) => w.name)).not.toContain('TimeoutNegativeWarning');
    q.destroy();
  });
});
