import type { EChartsOption } from 'echarts';
import { get, type Query } from '@/api/client';
import { month as monthLabel, yuan } from '@/format';

/** monitoring's 收入趋势预测 of one household (GET /api/v1/monitored-households/:id/income-forecast). */
export interface IncomeForecastView {
  householdId: string;
  householdNumber: string | null;
  villageCode: string;
  baseMonth: string;
  current: number;
  months: Array<{ month: string; expected: number; lower: number; upper: number }>;
  yearEnd: { year: number; expected: number; lower: number; upper: number };
  sigma: number;
  reasons: Array<{ code: string; text: string; effect: number }>;
  line: number | null;
  monthsToLine: number | null;
  atRisk: boolean;
  computedAt: string;
  history: Array<{ month: string; perCapitaNetIncome: number | null }>;
}

/** One row of 返贫风险户 (GET /api/v1/income-forecasts/at-risk). */
export interface AtRiskRow extends Record<string, unknown> {
  householdId: string;
  householdNumber: string | null;
  villageCode: string;
  townCode: string;
  baseMonth: string;
  current: number;
  months: IncomeForecastView['months'];
  reasons: IncomeForecastView['reasons'];
  line: number | null;
  monthsToLine: number | null;
}

export const forecastApi = {
  one: (householdId: string) =>
    get<IncomeForecastView>(`/api/v1/monitored-households/${householdId}/income-forecast`),
  atRisk: (q: Query) =>
    get<{ items: AtRiskRow[]; total: number; page: number; pageSize: number }>('/api/v1/income-forecasts/at-risk', q),
};

/** The month the expected figure goes under the line ('2026年12月'), or '—'. */
export function belowLineMonth(f: Pick<IncomeForecastView, 'months' | 'monthsToLine'>): string {
  return f.monthsToLine ? monthLabel(f.months[f.monthsToLine - 1]?.month) : '—';
}

/** What the forecast says, in one sentence. */
export function forecastSummary(f: IncomeForecastView): string {
  const last = f.months[f.months.length - 1];
  const lineText = f.line === null ? '' : `，监测范围 ${yuan(f.line)}`;
  const risk = f.monthsToLine
    ? `预计 ${belowLineMonth(f)} 低于监测范围`
    : f.current < (f.line ?? -Infinity)
      ? '目前已低于监测范围'
      : '未来3个月预计不低于监测范围';
  return `${risk}（${monthLabel(last.month)} 预计 ${yuan(last.expected)}，${yuan(last.lower)}–${yuan(last.upper)}${lineText}）`;
}

/**
 * The recorded per-capita figures and the forecast after them as a chart with the line (ChartCard),
 * and the same figures as a table; the band is the 80 % range.
 */
export function forecastChart(f: IncomeForecastView): {
  option: EChartsOption;
  table: { headers: string[]; rows: string[][] };
} {
  const history = [...f.history].sort((a, b) => a.month.localeCompare(b.month)).slice(-12);
  const months = [...history.map((h) => h.month), ...f.months.map((m) => m.month)];
  const pad = (n: number) => Array.from({ length: n }, () => null);
  const recorded = [...history.map((h) => h.perCapitaNetIncome), ...pad(f.months.length)];
  // the forecast line starts at the last recorded figure so the two join
  const expected = [...pad(history.length - 1), f.current, ...f.months.map((m) => m.expected)];
  const lower = [...pad(history.length), ...f.months.map((m) => m.lower)];
  const upper = [...pad(history.length), ...f.months.map((m) => m.upper)];
  return {
    option: {
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : yuan(Number(v))) },
      legend: { top: 0, data: ['人均纯收入（已记录）', '预计', '预计区间下限', '预计区间上限'] },
      grid: { left: 16, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => monthLabel(m)) },
      yAxis: { type: 'value', name: '元', scale: true },
      series: [
        {
          name: '人均纯收入（已记录）',
          type: 'line',
          data: recorded,
          itemStyle: { color: '#2f6fdb' },
          symbolSize: 7,
          ...(f.line === null
            ? {}
            : {
                markLine: {
                  symbol: 'none',
                  lineStyle: { color: '#d03050', type: 'solid' },
                  label: { formatter: `监测范围 ${yuan(f.line)}`, position: 'insideEndTop' },
                  data: [{ yAxis: f.line }],
                },
              }),
        },
        { name: '预计', type: 'line', data: expected, lineStyle: { type: 'dashed' }, itemStyle: { color: '#e07b00' } },
        { name: '预计区间下限', type: 'line', data: lower, lineStyle: { type: 'dotted' }, itemStyle: { color: '#c9a36b' }, symbol: 'none' },
        { name: '预计区间上限', type: 'line', data: upper, lineStyle: { type: 'dotted' }, itemStyle: { color: '#c9a36b' }, symbol: 'none' },
      ],
    },
    table: {
      headers: ['月份', '人均纯收入', '预计', '预计区间（80%）'],
      rows: [
        ...history.map((h) => [monthLabel(h.month), yuan(h.perCapitaNetIncome), '—', '—']),
        ...f.months.map((m) => [monthLabel(m.month), '—', yuan(m.expected), `${yuan(m.lower)}–${yuan(m.upper)}`]),
      ],
    },
  };
}
