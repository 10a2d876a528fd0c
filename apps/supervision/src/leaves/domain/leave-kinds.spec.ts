import { daysBetween } from './leave-kinds';

describe('the days a leave covers', () => {
  it('lists every day from the first to the last, both included, across a month', () => {
    expect(daysBetween('2026-01-30', '2026-02-02')).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
    ]);
  });
  it('is the one day when a leave starts and ends the same day, and none when it ends before', () => {
    expect(daysBetween('2026-03-05', '2026-03-05')).toEqual(['2026-03-05']);
    expect(daysBetween('2026-03-05', '2026-03-04')).toEqual([]);
  });
});
