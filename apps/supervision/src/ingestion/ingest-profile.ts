import { Counter, register } from 'prom-client';

/**
 * Where a check-in batch's milliseconds go (issue 17): seconds spent per phase of IngestCheckIns,
 * summed over batches, and the batches counted, in the app's /metrics (the bench divides them).
 */
const seconds =
  (register.getSingleMetric('supervision_ingest_phase_seconds_total') as
    Counter<'phase' | 'via'> | undefined) ??
  new Counter({
    name: 'supervision_ingest_phase_seconds_total',
    help: 'Seconds spent in each phase of check-in ingestion batches',
    labelNames: ['phase', 'via'],
  });
const batches =
  (register.getSingleMetric('supervision_ingest_batches_total') as Counter<'via'> | undefined) ??
  new Counter({
    name: 'supervision_ingest_batches_total',
    help: 'Check-in ingestion batches (requests or Kafka runs)',
    labelNames: ['via'],
  });

/** Times the phases of one batch: `lap(name)` closes the phase that ran since the previous lap. */
export function batchProfile(via: string) {
  batches.inc({ via });
  let last = performance.now();
  return (phase: string) => {
    const now = performance.now();
    seconds.inc({ phase, via }, (now - last) / 1000);
    last = now;
  };
}
