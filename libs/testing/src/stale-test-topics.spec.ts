import { runStartedAt } from './stale-test-topics';

describe('the run a test topic belongs to, read from its name', () => {
  it('reads the start time uniqueRunId put in the prefix', () => {
    const at = Date.UTC(2026, 11, 3, 18, 0, 0);
    expect(runStartedAt(`e2e${at.toString(36)}a1b2.households.events.v1`)).toBe(at);
    expect(runStartedAt(`bench${at.toString(36)}00ff.rules.alerts.v1`)).toBe(at);
  });

  it('leaves every other topic alone', () => {
    for (const topic of [
      'households.events.v1',
      '__consumer_offsets',
      'demo.households.events.v1',
      'hrdbg7343.households.events.v1',
      `e2e${Date.UTC(2026, 0, 1).toString(36)}a1b2`,
    ])
      expect(runStartedAt(topic)).toBeNull();
  });
});
