/**
 * A handler throws PermanentEventError when the event can never be processed (it breaks a domain
 * rule the contract cannot express): the runner dead-letters it at once, without retrying.
 */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}

const TRANSIENT_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'KafkaJSConnectionError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNonRetriableError',
]);

/**
 * An infrastructure fault (database or broker unreachable) is not the event's fault: the runner
 * retries it without limit instead of dead-lettering good events while a dependency is down.
 */
export function isTransientError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (TRANSIENT_NAMES.has(e.name)) return true;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code))
    return true;
  const labels = (e as { errorLabelSet?: Set<string> }).errorLabelSet;
  if (labels && (labels.has('RetryableWriteError') || labels.has('ResetPool'))) return true;
  return /connection (closed|refused|reset)|ECONNREFUSED|not connected/i.test(e.message);
}
