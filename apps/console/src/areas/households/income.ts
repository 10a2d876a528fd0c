import type { EChartsOption } from 'echarts';
import { month as monthLabel, yuan } from '@/format';
import type { IncomeMonth } from './api';

/** 收入台账 as a chart and the same figures as a table (ChartCard), oldest month first. */
export function incomeChart(history: IncomeMonth[]): {
  option: EChartsOption;
  table: { headers: string[]; rows: string[][] };
} {
  const months = [...history].sort((a, b) => a.month.localeCompare(b.month));
  return {
    option: {
      tooltip: { trigger: 'axis', valueFormatter: (v) => yuan(Number(v)) },
      grid: { left: 16, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month)) },
      yAxis: { type: 'value', name: '元' },
      series: [
        {
          name: '人均纯收入',
          type: 'line',
          data: months.map((m) => m.perCapitaNetIncome),
          itemStyle: { color: '#2f6fdb' },
          symbolSize: 8,
          label: {
            show: months.length <= 12,
            position: 'top',
            formatter: ({ value }) => yuan(Number(value)),
          },
        },
      ],
    },
    table: {
      headers: ['月份', '人均纯收入', '家庭纯收入'],
      rows: months.map((m) => [monthLabel(m.month), yuan(m.perCapitaNetIncome), yuan(m.netIncome)]),
    },
  };
}
