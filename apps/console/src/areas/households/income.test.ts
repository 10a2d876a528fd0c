import { describe, expect, it } from 'vitest';
import { incomeChart } from './income';

describe('收入台账 chart', () => {
  it('orders months, labels them in Chinese and tabulates the same figures', () => {
    const { option, table } = incomeChart([
      { month: '2026-11', perCapitaNetIncome: 5556, netIncome: 16668 },
      { month: '2026-09', perCapitaNetIncome: 6200.5, netIncome: 18601.5 },
    ]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026年9月', '2026年11月']);
    expect((option.series as { data: number[] }[])[0].data).toEqual([6200.5, 5556]);
    expect(table.rows[0]).toEqual(['2026年9月', '6,200.50 元', '18,601.50 元']);
  });
});
