/**
 * kafkajs 2.2.4 (its last release) arms a timer with a negative delay on every broker connection.
 *
 * `RequestQueue.scheduleCheckPendingRequests` runs after every response and schedules the next check of the
 * pending queue in `throttledUntil - Date.now()` ms, whether a request is pending or not; `throttledUntil` starts
 * at -1 (no broker throttle yet), so the delay is `-1 - Date.now()` (about -1.8e12). Node 24 reports it
 * (`TimeoutNegativeWarning: -1796335493447 is a negative number. Timeout duration was set to 1.`), clamps it
 * to 1 ms, and the check re-arms itself: each connection polls its empty queue every millisecond for its life.
 * Upstream: tulios/kafkajs#1751 and #1704, fixes proposed in #1755 and #1768, unreleased.
 *
 * {@link patchKafkaRequestQueue} replaces that one method (loaded by `kafka-settings.ts`, so by every process
 * that builds a client through libs/messaging or libs/testing): with nothing pending and no throttle in force
 * nothing is scheduled (a later `push` that has to wait, or the next response, schedules again); otherwise the
 * delay is what kafkajs meant, the end of the throttle, or its 10 ms re-check when a request waits unthrottled.
 */
import { createRequire } from 'node:module';

/** The parts of kafkajs' internal `RequestQueue` the fix reads and calls. */
export interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs' own interval for re-checking a waiting request when no throttle end is known. */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;

/**
 * How long until the pending queue needs another look: null when it needs none (nothing waits and no throttle
 * is in force), else a delay of at least 1 ms.
 */
export function pendingCheckDelay(pending: number, throttledUntil: number, now: number): number | null {
  const untilThrottleEnds = throttledUntil - now;
  if (untilThrottleEnds > 0) return untilThrottleEnds;
  return pending > 0 ? CHECK_PENDING_REQUESTS_INTERVAL : null;
}

function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId) return;
  const delay = pendingCheckDelay(this.pending.length, this.throttledUntil, Date.now());
  if (delay === null) return;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

const requireFromHere = createRequire(__filename);

/** The prototype of kafkajs' `RequestQueue` (an internal class, not exported by the package). */
export function kafkaRequestQueuePrototype(): RequestQueueInternals {
  const RequestQueue = requireFromHere('kafkajs/src/network/requestQueue') as {
    prototype: RequestQueueInternals;
  };
  return RequestQueue.prototype;
}

/** Installs the fixed method once per process; idempotent. */
export function patchKafkaRequestQueue(): void {
  const proto = kafkaRequestQueuePrototype();
  if (proto.scheduleCheckPendingRequests === scheduleCheckPendingRequests) return;
  if (typeof proto.scheduleCheckPendingRequests !== 'function')
    throw new Error(
      'kafkajs RequestQueue.scheduleCheckPendingRequests not found: revisit kafkajs-request-queue.ts',
    );
  proto.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
}

patchKafkaRequestQueue();
