import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ElementPlus from 'element-plus';
import { belowLineMonth, forecastChart, forecastSummary, type IncomeForecastView } from './forecast';
import IncomeForecastCard from './IncomeForecastCard.vue';

/** The forecast the e2e (test/e2e/income-forecast-alert.e2e-spec.ts) gets after three falling months. */
const FALLING: IncomeForecastView = {
  householdId: 'h-1',
  householdNumber: 'HH-TREND-1',
  villageCode: '621299101201',
  baseMonth: '2026-09',
  current: 6600,
  months: [
    { month: '2026-10', expected: 6200, lower: 5679, upper: 6721 },
    { month: '2026-11', expected: 5800, lower: 5063, upper: 6537 },
    { month: '2026-12', expected: 5400, lower: 4498, upper: 6302 },
  ],
  yearEnd: { year: 2026, expected: 5400, lower: 4498, upper: 6302 },
  sigma: 407,
  reasons: [{ code: 'trend_wage', text: '工资性收入连续3个月下降 27%', effect: -1200 }],
  line: 6000,
  monthsToLine: 2,
  atRisk: true,
  computedAt: '2026-09-15T02:00:01.000Z',
  history: [
    { month: '2026-06', perCapitaNetIncome: 9000 },
    { month: '2026-07', perCapitaNetIncome: 8200 },
    { month: '2026-08', perCapitaNetIncome: 7400 },
    { month: '2026-09', perCapitaNetIncome: 6600 },
  ],
};

describe('收入趋势预测 on the household page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('the chart holds the recorded months, the forecast joined to them, its band, and the line', () => {
    const { option, table } = forecastChart(FALLING);
    const series = option.series as Array<{ name: string; data: Array<number | null>; markLine?: unknown }>;
    expect(series.map((s) => s.name)).toEqual(['人均纯收入（已记录）', '预计', '预计区间下限', '预计区间上限']);
    expect(series[0].data).toEqual([9000, 8200, 7400, 6600, null, null, null]);
    expect(series[1].data).toEqual([null, null, null, 6600, 6200, 5800, 5400]);
    expect(series[2].data).toEqual([null, null, null, null, 5679, 5063, 4498]);
    expect(JSON.stringify(series[0].markLine)).toContain('"yAxis":6000');
    expect(JSON.stringify(series[0].markLine)).toContain('监测范围 6,000.00 元');
    expect((option.xAxis as { data: string[] }).data).toEqual([
      '2026年6月',
      '2026年7月',
      '2026年8月',
      '2026年9月',
      '2026年10月',
      '2026年11月',
      '2026年12月',
    ]);
    expect(table.rows[4]).toEqual(['2026年10月', '—', '6,200.00 元', '5,679.00 元–6,721.00 元']);
    expect(belowLineMonth(FALLING)).toBe('2026年11月');
    expect(forecastSummary(FALLING)).toBe(
      '预计 2026年11月 低于监测范围（2026年12月 预计 5,400.00 元，4,498.00 元–6,302.00 元，监测范围 6,000.00 元）',
    );
  });

  it('the card shows the warning, the reasons in Chinese and the method; nothing undefined or NaN', async () => {
    sessionStorage.setItem(
      'ffp.session',
      JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', username: 'u', roles: [] } }),
    );
    setActivePinia(createPinia());
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url);
      return new Response(JSON.stringify(FALLING), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const w = mount(IncomeForecastCard, {
      props: { householdId: 'h-1' },
      global: { plugins: [ElementPlus], stubs: { ChartCard: true } },
    });
    await flushPromises();
    expect(calls).toEqual(['/api/v1/monitored-households/h-1/income-forecast']);
    const text = w.text();
    expect(text).toContain('收入趋势预测：预计 2026年11月 低于监测范围');
    expect(text).toContain('工资性收入连续3个月下降 27%（3个月影响 -1,200.00 元/人）');
    expect(text).toContain('季节性朴素法加近期趋势');
    expect(text).toContain('预测不确定性约 ±407.00 元/月');
    expect(text).not.toMatch(/undefined|NaN|\[object Object\]/);
    expect(w.find('.el-alert--warning').exists()).toBe(true);
    w.unmount();
  });

  it('a household without a forecast yet (204, no content) shows 尚无收入趋势预测, not an error', async () => {
    setActivePinia(createPinia());
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    const w = mount(IncomeForecastCard, {
      props: { householdId: 'h-2' },
      global: { plugins: [ElementPlus], stubs: { ChartCard: true } },
    });
    await flushPromises();
    expect(w.text()).toContain('尚无收入趋势预测');
    expect(w.find('.el-alert--error').exists()).toBe(false);
    w.unmount();
  });
});
