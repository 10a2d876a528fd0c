import { describe, expect, it } from 'vitest';
import { day, month, monthOf, percent, time, yuan } from './format';

describe('how values are written (console conventions)', () => {
  it('money in yuan with two decimals and separators', () => {
    expect(yuan(12345.6)).toBe('12,345.60 元');
    expect(yuan(null)).toBe('—');
    expect(yuan(Number.NaN)).toBe('—');
  });
  it('percentages with one decimal', () => {
    expect(percent(0.125)).toBe('12.5%');
    expect(percent(undefined)).toBe('—');
  });
  it('days and times in China time', () => {
    expect(day('2026-11-02T17:30:00Z')).toBe('2026-11-03');
    expect(time('2026-11-02T17:30:00Z')).toBe('2026-11-03 01:30');
    expect(day('2026-11-03')).toBe('2026-11-03');
  });
  it('months', () => {
    expect(month('2026-03')).toBe('2026年3月');
    expect(monthOf(-1, new Date('2026-01-15T00:00:00Z'))).toBe('2025-12');
  });
});
