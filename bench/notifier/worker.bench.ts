/**
 * Notifier queue throughput (part of `npm run bench`): jobs/s through our delivery queue and
 * worker — DeliveryQueue.enqueue (job id = delivery id, attempts, exponential backoff with jitter,
 * retention) and a QueueWorker subclass sending through a no-op Channel — next to raw BullMQ
 * (Queue.addBulk of plain jobs + a Worker whose processor does nothing), in the same run, on the
 * same Redis, with the same concurrency. The delivery log's database writes are not part of it
 * (they are the same for any queue). Ours/raw ≥ 0.8 is the goal.
 *
 * Env knobs: BENCH_NOTIFIER_JOBS (5000), BENCH_NOTIFIER_CONCURRENCY (10), BENCH_NOTIFIER_ROUNDS (2).
 */
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Channel, ChannelResult, OutgoingNotification } from '../../apps/notifier/src/channels/channel';
import { NotifierConfig } from '../../apps/notifier/src/config';
import { DeliveryJob, DeliveryQueue } from '../../apps/notifier/src/queues/delivery-queue';
import { QueueWorker } from '../../apps/notifier/src/queues/queue-worker';
import { runBench } from '../shared/run-bench';

const envInt = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const cfg = {
  jobs: envInt('BENCH_NOTIFIER_JOBS', 5_000),
  concurrency: envInt('BENCH_NOTIFIER_CONCURRENCY', 10),
  rounds: envInt('BENCH_NOTIFIER_ROUNDS', 2),
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};
const QUEUE = 'deliveries';
const redis = () => new Redis(cfg.redisUrl, { maxRetriesPerRequest: null });

class NoopChannel implements Channel {
  readonly name = 'noop';
  async send(_target: string, _n: OutgoingNotification): Promise<ChannelResult> {
    return { ok: true, status: 200 };
  }
}

/** Our worker with a no-op channel: counts what it sent, resolves when `expected` are done. */
class BenchWorker extends QueueWorker<DeliveryJob> {
  protected readonly queueName = QUEUE;
  private readonly channel = new NoopChannel();
  private done = 0;
  private resolve: () => void = () => undefined;
  readonly finished: Promise<void>;

  constructor(
    connection: Redis,
    prefix: string,
    protected readonly concurrency: number,
    private readonly expected: number,
  ) {
    super(connection, prefix);
    this.finished = new Promise((r) => (this.resolve = r));
  }

  protected async process(job: Job<DeliveryJob>): Promise<void> {
    const r = await this.channel.send('noop', {
      deliveryId: job.data.deliveryId,
      alertId: job.data.deliveryId,
      severity: 'medium',
      title: 'bench',
      message: 'bench',
      townCode: '621299101',
      villageCode: '621299101201',
      subjectId: 'h',
    });
    if (!r.ok) throw new Error('no-op channel failed');
    if (++this.done === this.expected) this.resolve();
  }
}

async function ours(prefix: string): Promise<number> {
  const connection = redis();
  const config = {
    QUEUE_PREFIX: prefix,
    DELIVERY_ATTEMPTS: 8,
    DELIVERY_BACKOFF_MS: 1_000,
  } as NotifierConfig;
  const queue = new DeliveryQueue(connection, config);
  const worker = new BenchWorker(connection, prefix, cfg.concurrency, cfg.jobs);
  const ids = Array.from({ length: cfg.jobs }, () => randomUUID().replace(/-/g, ''));
  const started = performance.now();
  worker.onModuleInit();
  for (let i = 0; i < ids.length; i += 500) await queue.enqueue(ids.slice(i, i + 500));
  await worker.finished;
  const seconds = (performance.now() - started) / 1000;
  await worker.beforeApplicationShutdown();
  await queue.queue.obliterate({ force: true });
  await queue.onApplicationShutdown();
  connection.disconnect();
  return cfg.jobs / seconds;
}

async function raw(prefix: string): Promise<number> {
  const connection = redis();
  const queue = new Queue(QUEUE, { connection, prefix });
  let done = 0;
  let resolve: () => void = () => undefined;
  const finished = new Promise<void>((r) => (resolve = r));
  const started = performance.now();
  const worker = new Worker(
    QUEUE,
    async () => {
      if (++done === cfg.jobs) resolve();
    },
    { connection: connection.duplicate(), prefix, concurrency: cfg.concurrency },
  );
  for (let i = 0; i < cfg.jobs; i += 500) {
    const n = Math.min(500, cfg.jobs - i);
    await queue.addBulk(Array.from({ length: n }, (_, k) => ({ name: 'job', data: { i: i + k } })));
  }
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return cfg.jobs / seconds;
}

async function main() {
  const run = `bench-notifier-${Date.now().toString(36)}`;
  console.log(
    `[notifier] ${cfg.jobs} jobs, concurrency ${cfg.concurrency}, ${cfg.rounds} rounds (alternating)`,
  );
  const results = { raw: [] as number[], ours: [] as number[] };
  for (let r = 0; r < cfg.rounds; r++) {
    results.raw.push(await raw(`${run}-raw${r}`));
    results.ours.push(await ours(`${run}-ours${r}`));
  }
  const best = (xs: number[]) => Math.max(...xs);
  const rawBest = best(results.raw);
  const oursBest = best(results.ours);
  console.log(
    `[notifier] raw BullMQ add+process : ${rawBest.toFixed(0)} jobs/s (rounds: ${results.raw.map((x) => x.toFixed(0)).join(', ')})`,
  );
  console.log(
    `[notifier] ours (queue + worker)  : ${oursBest.toFixed(0)} jobs/s (rounds: ${results.ours.map((x) => x.toFixed(0)).join(', ')})`,
  );
  console.log(`[notifier] ours/raw = ${(oursBest / rawBest).toFixed(2)} (goal ≥ 0.80)`);
}

runBench(main);
