import type { JobType, Queue } from 'bullmq';
import { Counter, Histogram } from 'prom-client';
import { scrapedGauge } from '@lib/messaging';

/** Deliveries and BullMQ queues in /metrics (libs/service-kit metrics). */
const finished = new Counter({
  name: 'notifier_deliveries_total',
  help: 'Deliveries finished, by channel and status (delivered; failed: attempts spent, the dead letter)',
  labelNames: ['channel', 'status'],
});
const attempts = new Counter({
  name: 'notifier_delivery_attempts_total',
  help: 'Channel calls, by channel and outcome (ok, error)',
  labelNames: ['channel', 'outcome'],
});
const latency = new Histogram({
  name: 'notifier_channel_call_duration_seconds',
  help: 'Time of one channel call (robot, SMS gateway, SMTP, webhook), by channel',
  labelNames: ['channel'],
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

export function countAttempt(channel: string, ok: boolean, seconds: number) {
  attempts.inc({ channel, outcome: ok ? 'ok' : 'error' });
  latency.observe({ channel }, seconds);
}

export function countFinished(channels: string[], status: 'delivered' | 'failed') {
  for (const channel of channels) finished.inc({ channel, status });
}

const queues: Queue[] = [];
const STATES: JobType[] = ['waiting', 'active', 'failed', 'delayed', 'completed', 'prioritized', 'waiting-children'];

/** Jobs per queue and state, counted in Redis when scraped. */
export function exposeQueue(queue: Queue) {
  queues.push(queue);
  if (queues.length > 1) return;
  scrapedGauge('bullmq_jobs', 'BullMQ jobs per queue and state', ['queue', 'state'], async (set) => {
    for (const q of queues) {
      const counts = await q.getJobCounts(...STATES);
      for (const state of STATES) set({ queue: q.name, state }, counts[state] ?? 0);
    }
  });
}
