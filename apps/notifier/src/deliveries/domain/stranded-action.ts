/** BullMQ's reason for a job that stalled more than maxStalledCount times (its worker died twice). */
export const STALLED_REASON = 'job stalled more than allowable limit';

export type StrandedAction = 'none' | 'retry' | 'enqueue' | 'dead-letter';

/**
 * What to do with a delivery still pending, given its job's state (pure): a job failed by stalling
 * is retried (its worker was killed while sending: the send may never have happened), a job that
 * is gone is queued again under the same id, a job finished otherwise without recording its
 * delivery is recorded as failed (the dead letter). Waiting, delayed and active jobs are left alone.
 */
export function strandedAction(state: string, failedReason?: string | null): StrandedAction {
  if (state === 'unknown') return 'enqueue';
  if (state === 'failed') return failedReason === STALLED_REASON ? 'retry' : 'dead-letter';
  if (state === 'completed') return 'retry';
  return 'none';
}
