import { addMonths, covers, daysBetween, todayIn } from './calendar';

describe('calendar dates', () => {
  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-10', -3)).toBe('2025-12-10');
  });
  it('counts days across months and years', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
  });
  it('takes today in the town’s time zone, not UTC', () => {
    // 2026-11-28 17:00 UTC is already 29 November in Beijing
    expect(todayIn('Asia/Shanghai', new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-29');
    expect(todayIn('UTC', new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-28');
  });
  it('covers a period inclusively; null end is open', () => {
    expect(covers('2026-01-01', '2026-06-30', '2026-06-30')).toBe(true);
    expect(covers('2026-01-01', '2026-06-30', '2026-07-01')).toBe(false);
    expect(covers('2026-01-01', null, '2030-01-01')).toBe(true);
    expect(covers('2026-01-01', null, '2025-12-31')).toBe(false);
  });
});
