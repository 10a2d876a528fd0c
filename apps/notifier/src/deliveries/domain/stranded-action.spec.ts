import { STALLED_REASON, strandedAction } from './stranded-action';

describe('stranded deliveries: what a pending delivery needs, by its job', () => {
  it('retries a job failed by stalling, queues a lost one again, leaves live jobs alone', () => {
    expect(strandedAction('failed', STALLED_REASON)).toBe('retry');
    expect(strandedAction('unknown')).toBe('enqueue');
    for (const live of ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'])
      expect(strandedAction(live)).toBe('none');
  });

  it('a job that failed for another reason without recording its delivery becomes its dead letter', () => {
    expect(strandedAction('failed', 'delivery abc failed: 500')).toBe('dead-letter');
    expect(strandedAction('completed')).toBe('retry'); // the worker sends only what is still pending
  });
});
