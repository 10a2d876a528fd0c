import { describe, expect, it } from 'vitest';
import { budgetOf, findingRows, milestoneProgress, salesChart, type Milestone, type ProgressReport } from './view';

describe('项目资金', () => {
  it('sums fund sources exactly to the fen, ignoring amounts not yet typed', () => {
    expect(budgetOf([{ amount: 0.1 }, { amount: 0.2 }])).toBe(0.3);
    expect(budgetOf([{ amount: 380000 }, { amount: 60000 }, { amount: undefined }])).toBe(440000);
    expect(budgetOf([])).toBe(0);
  });
});

describe('里程碑进度', () => {
  const m = (status: Milestone['status']): Milestone => ({ milestoneId: status, title: status, dueOn: '2026-06-01', completedOn: null, status });
  it('counts the done ones; no share without milestones', () => {
    expect(milestoneProgress([m('done'), m('overdue'), m('planned'), m('done')])).toEqual({ done: 2, all: 4, share: 0.5 });
    expect(milestoneProgress([])).toEqual({ done: 0, all: 0, share: null });
  });
});

const report: ProgressReport = {
  asOf: '2026-12-03',
  overdueMilestones: [
    { key: 'm1', projectId: 'p1', projectName: '冷水鱼', villageCode: '621299101201', title: '对虾上市', dueOn: '2026-11-01', daysOverdue: 32 },
  ],
  projectsWithoutSales: [
    { key: 's1', projectId: 'p2', projectName: '中蜂', villageCode: '621299101205', lastSaleOn: null, months: 3 },
    { key: 's2', projectId: 'p1', projectName: '冷水鱼', villageCode: '621299101201', lastSaleOn: '2026-07-06', months: 3 },
  ],
  beneficiariesWithoutBenefit: [
    { key: 'b1', projectId: 'p1', projectName: '冷水鱼', villageCode: '621299101201', householdId: 'h1', kind: 'dividend', year: 2026 },
  ],
};

describe('项目进度问题', () => {
  it('lists the three kinds in Chinese with what is late', () => {
    const rows = findingRows(report);
    expect(rows.map((r) => r.kindLabel)).toEqual(['里程碑逾期', '长期无销售', '长期无销售', '受益户本年未受益']);
    expect(rows[0].detail).toBe('“对虾上市”应于 2026-11-01 完成，已逾期 32 天');
    expect(rows[1].detail).toBe('开工以来超过 3 个月无销售记录');
    expect(rows[2].detail).toBe('最近一次销售在 2026-07-06，已超过 3 个月');
    expect(rows[3]).toMatchObject({ detail: '2026 年尚未获得分红', householdId: 'h1' });
  });

  it('keeps only one project when asked', () => {
    expect(findingRows(report, 'p2').map((r) => r.key)).toEqual(['s1']);
    expect(findingRows(null)).toEqual([]);
  });
});

describe('各渠道销售额', () => {
  it('names channels in Chinese in the chart and the table alike', () => {
    const { option, table } = salesChart([
      { channel: 'ecommerce_centre_wechat', amount: 12000.5, count: 3 },
      { channel: 'market', amount: 800, count: 1 },
    ]);
    expect(option.series[0].data).toEqual([
      { name: '镇电商中心微信群', value: 12000.5 },
      { name: '集市', value: 800 },
    ]);
    expect(table.rows).toEqual([
      ['镇电商中心微信群', '12000.50'],
      ['集市', '800.00'],
    ]);
  });
});
