import { describe, expect, it } from 'vitest';
import { coverageUnit, surveyedShare } from './coverage';

describe('走访覆盖 always names one unit (the API refuses a question without one)', () => {
  it('the unit selected above wins', () => {
    expect(coverageUnit('621299101', ['621299'], '621299')).toBe('621299101');
  });
  it('else the broadest unit of the user scope', () => {
    expect(coverageUnit(null, ['621299101', '621299102203'], undefined)).toBe('621299101');
    expect(coverageUnit(null, ['621299101201'], undefined)).toBe('621299101201');
  });
  it('a platform-wide grant stands for the first county of the tree; no grant, no question', () => {
    expect(coverageUnit(null, ['*'], '621299')).toBe('621299');
    expect(coverageUnit(null, [], '621299')).toBeNull();
  });
  it('share of households visited, none with no households', () => {
    expect(surveyedShare({ households: 12, surveyed: 3 })).toBe(0.25);
    expect(surveyedShare({ households: 0, surveyed: 0 })).toBeNull();
  });
});
