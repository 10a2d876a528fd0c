import { createHash } from 'node:crypto';
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { infra, waitFor, WebhookSink } from '@lib/testing';
import { NotifierHarness } from './harness';

/** BullMQ's reason for a job whose worker died twice while running it (maxStalledCount 1). */
const STALLED = 'job stalled more than allowable limit';

const idOf = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

function pendingWebhookDelivery(id: string, alertId: string, url: string) {
  return {
    _id: id,
    alertId,
    subjectId: `h-${alertId}`,
    countyCode: '621299',
    townCode: '621299101',
    villageCode: '621299101201',
    channel: 'webhook',
    channelId: null,
    target: url,
    recipient: 'town-duty:621299101',
    severity: 'high',
    title: '人均纯收入低于监测范围',
    message: `户 ${alertId}：走访人均纯收入低于监测范围。`,
    status: 'pending',
    attempts: [],
    digestId: null,
    kind: 'alert',
    escalationLevel: 0,
    escalatedTo: null,
    createdAt: new Date(),
    finishedAt: null,
  };
}

/**
 * A delivery whose job was killed twice while running (BullMQ fails it as stalled) or whose job was
 * lost from Redis stays pending forever — unless the notifier's sweep re-queues it. The stalled
 * state is made for real: a worker takes the job and dies (its lock expires) twice.
 */
describe('notifier: stranded deliveries are sent once after all (real FerretDB, Redis, Kafka)', () => {
  const first = new NotifierHarness({ STRANDED_SWEEP_INTERVAL_MS: '0', NOTIFIER_WEBHOOK_URL: '' });
  let second: NotifierHarness | null = null;
  let sink: WebhookSink;
  let redis: Redis;
  let queue: Queue;
  let mongo: MongoClient;

  beforeAll(async () => {
    sink = await new WebhookSink().start();
    redis = new Redis(infra.redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue('deliveries', { connection: redis, prefix: first.runId });
    mongo = await MongoClient.connect(infra.mongoUrl);
  });

  afterAll(async () => {
    await first.stop();
    await second?.stop();
    await queue?.close();
    redis?.disconnect();
    await mongo?.close();
    await sink?.stop();
  });

  /** Takes the job as a worker would, then "dies": its lock is never renewed and expires. */
  async function stallOnce(worker: Worker, id: string, stalls: number) {
    const job = await waitFor('the job to be taken', () =>
      worker.getNextJob(`dead-${stalls}`, { block: false }),
    );
    expect(job.id).toBe(id);
    await waitFor(
      `stall ${stalls} to be noticed`,
      async () =>
        (await queue.getJobState(id)) === 'waiting' &&
        Number(await redis.hget(`${first.runId}:deliveries:${id}`, 'stc')) === stalls,
      { timeoutMs: 15_000, intervalMs: 50 },
    );
  }

  it('re-queues a delivery whose job failed as stalled and one whose job is gone; each is sent once', async () => {
    const stalledId = idOf('stranded-stalled');
    const lostId = idOf('stranded-lost');
    const deliveries = mongo.db(`${first.runId}_notifier`).collection('deliveries');
    await deliveries.insertMany([
      pendingWebhookDelivery(stalledId, 'stranded-a', sink.url),
      pendingWebhookDelivery(lostId, 'stranded-b', sink.url),
    ] as never[]);
    // the stalled one's job, as the notifier queues it; the lost one has none (e.g. Redis lost it)
    await queue.add('deliver', { deliveryId: stalledId }, { jobId: stalledId, attempts: 8 });

    const dyingConnection = redis.duplicate();
    const dying = new Worker('deliveries', null, {
      connection: dyingConnection,
      prefix: first.runId,
      lockDuration: 400,
      stalledInterval: 200,
    });
    try {
      await dying.startStalledCheckTimer();
      await stallOnce(dying, stalledId, 1);
      await stallOnce(dying, stalledId, 2); // more than maxStalledCount (1): failed when next taken
    } finally {
      await dying.close();
      dyingConnection.disconnect();
    }

    // without the sweep, the notifier's worker fails the job as stalled and the delivery stays pending
    await first.start();
    await waitFor('the job to fail as stalled', async () => {
      const job = await Job.fromId(queue, stalledId);
      return (await queue.getJobState(stalledId)) === 'failed' && job?.failedReason === STALLED;
    });
    const stuck = await first.app.get<{ status: string }>(`/api/v1/deliveries/${stalledId}`);
    expect(stuck.body.status).toBe('pending');
    expect(sink.received).toHaveLength(0);
    await first.stop();

    // with the sweep (at start, then every 500 ms) both go out, once
    second = new NotifierHarness(
      { STRANDED_SWEEP_INTERVAL_MS: '500', NOTIFIER_WEBHOOK_URL: '' },
      first.runId,
    );
    await second.start();
    await waitFor('both deliveries to be delivered', async () => {
      const [a, b] = await Promise.all(
        [stalledId, lostId].map((id) => second!.app.get<{ status: string }>(`/api/v1/deliveries/${id}`)),
      );
      return a.body.status === 'delivered' && b.body.status === 'delivered';
    });
    await waitFor('both jobs to complete', async () =>
      (await Promise.all([stalledId, lostId].map((id) => queue.getJobState(id)))).every(
        (s) => s === 'completed',
      ),
    );
    const sent = sink.received.map((r) => (r.json as { deliveryId: string }).deliveryId).sort();
    expect(sent).toEqual([stalledId, lostId].sort());
  }, 120_000);
});
