import { isRealDay } from '@lib/contracts';
import { LocalDay } from './local-day';

describe('a local day (YYYY-MM-DD)', () => {
  it('accepts days that exist, leap days included', () => {
    expect(['2026-10-01', '2028-02-29', '2026-12-31'].every(isRealDay)).toBe(true);
  });
  it('refuses days that do not exist and other shapes, with the reason', () => {
    expect(['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10'].some(isRealDay)).toBe(
      false,
    );
    expect(LocalDay.safeParse('2026-02-30').error?.issues[0].message).toBe('须为真实存在的日期');
    expect(LocalDay.safeParse('2026/10/01').error?.issues[0].message).toBe('须为日期，格式 YYYY-MM-DD');
  });
});
