import { describe, expect, it } from 'vitest';
import { chineseReason, reportRows } from './report';

const report = {
  households: { total: 3, imported: 2, rejected: 1 },
  members: { total: 5, imported: 3, rejected: 2 },
  rows: [
    {
      sheet: '户信息',
      row: 3,
      villageCode: '621299101201',
      householdNumber: '01002',
      status: 'imported',
      problems: [],
    },
    {
      sheet: '户信息',
      row: 2,
      villageCode: '621299101201',
      householdNumber: '01001',
      status: 'rejected',
      problems: [
        {
          sheet: '家庭成员',
          row: 5,
          column: '身份证号',
          reason: '身份证号校验位错误 (GB 11643 check character does not match)',
        },
        { sheet: '户信息', row: 2, column: '户类型', reason: '户类型缺失 (required)' },
      ],
    },
  ],
};

describe('台账导入 report table', () => {
  it('one line per problem, sheet and row order, Chinese reasons', () => {
    expect(reportRows(report, true).map((r) => [r.sheet, r.row, r.column, r.reason])).toEqual([
      ['家庭成员', 5, '身份证号', '身份证号校验位错误'],
      ['户信息', 2, '户类型', '户类型缺失'],
    ]);
  });
  it('lists imported households too when asked', () => {
    expect(reportRows(report, false).filter((r) => r.status === 'imported')).toHaveLength(1);
  });
  it('keeps a reason without a Chinese part as it is', () => {
    expect(chineseReason('must be ≥ 0')).toBe('must be ≥ 0');
  });
});
