import { initialStatus, nextFollowUp } from './inspection-status';

describe('an inspection’s status and follow-ups', () => {
  it('opens an inspection with findings and closes one without', () => {
    expect(initialStatus(['驻村队员不在岗'])).toBe('open');
    expect(initialStatus([])).toBe('closed');
  });
  it('numbers follow-ups from 1 after those already recorded', () => {
    expect(nextFollowUp([])).toBe(1);
    expect(nextFollowUp([{}, {}])).toBe(3);
  });
});
