import { dateProblem } from './record-dates';

describe('产出与销售 record dates', () => {
  it('accepts a day from the project start to today', () => {
    expect(dateProblem('soldOn', '2026-03-01', '2026-03-01', '2026-03-10')).toBeNull();
    expect(dateProblem('soldOn', '2026-03-10', '2026-03-01', '2026-03-10')).toBeNull();
  });

  it('refuses a day before the project start, naming the field', () => {
    expect(dateProblem('recordedOn', '2026-02-28', '2026-03-01', '2026-03-10')).toEqual({
      field: 'recordedOn',
      reason: expect.stringContaining('2026-03-01'),
    });
  });

  it('refuses a day in the future', () => {
    expect(dateProblem('soldOn', '2026-03-11', '2026-03-01', '2026-03-10')?.reason).toMatch(/不能晚于今天/);
  });
});
