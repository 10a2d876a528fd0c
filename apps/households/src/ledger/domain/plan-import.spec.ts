import { checkCharOf } from '../../households/domain/id-number';
import { convertCell } from './ledger-layout';
import { planImport, SheetRow } from './plan-import';

const id = (first17: string) => first17 + checkCharOf(first17);
const hh = (row: number, number: string, extra: Record<string, unknown> = {}): SheetRow => ({
  row,
  values: { 行政村代码: '621299101201', 户编号: number, 户类型: '一般农户', ...extra } as SheetRow['values'],
});
const member = (row: number, number: string, extra: Record<string, unknown> = {}): SheetRow => ({
  row,
  values: {
    行政村代码: '621299101201',
    户编号: number,
    姓名: '王建国',
    与户主关系: '户主',
    性别: '男',
    出生日期: '1970-01-01',
    ...extra,
  } as SheetRow['values'],
});

describe('ledger import plan (台账导入校验)', () => {
  it('turns labelled cells into the API body and accepts a whole household', () => {
    const plan = planImport(
      [hh(2, 'A', { 风险类型1: '因病', 风险类型2: '缺劳动力', 是否危房: '否', '耕地面积(亩)': 3.5 })],
      [
        member(2, 'A', { 证件号码: id('62129919700101123'), 健康状况: '残疾', 残疾等级: 2 }),
        member(3, 'A', { 与户主关系: '配偶', 性别: '女', 姓名: '李秀英' }),
      ],
    );
    expect(plan.candidates[0].problems).toEqual([]);
    expect(plan.candidates[0].body).toMatchObject({
      householdType: 'ordinary',
      riskTypes: ['illness', 'lack_of_labour'],
      housing: { dilapidated: false },
      land: { arable: 3.5 },
      members: [
        { relation: 'head', health: 'disabled', disabilityLevel: 2 },
        { relation: 'spouse', sex: 'female' },
      ],
    });
  });

  it('refuses a household whole for any bad row, naming sheet, row and column', () => {
    const bad = id('62129919700101123').slice(0, 17) + (id('62129919700101123')[17] === '0' ? '1' : '0');
    const plan = planImport(
      [hh(2, 'A'), hh(3, 'B', { 行政村代码: null }), hh(4, 'A'), hh(5, 'C', { 是否危房: '也许' })],
      [member(2, 'A', { 证件号码: bad }), member(3, 'X'), member(4, 'C')],
    );
    const problems = (row: number) => plan.candidates.find((c) => c.row === row)!.problems;
    expect(problems(2)).toEqual([
      expect.objectContaining({
        sheet: '家庭成员',
        row: 2,
        column: '证件号码',
        reason: expect.stringMatching(/校验位/),
      }),
    ]);
    expect(problems(3)[0]).toMatchObject({ column: '行政村代码', reason: expect.stringMatching(/缺失/) });
    expect(problems(4)[0]).toMatchObject({ column: '户编号', reason: expect.stringMatching(/重复/) });
    expect(problems(5)[0]).toMatchObject({ column: '是否危房', reason: expect.stringMatching(/是.*否/) });
    expect(plan.candidates.every((c) => c.body === null)).toBe(true);
    expect(plan.orphans).toEqual([expect.objectContaining({ row: 3, householdNumber: 'X' })]);
  });

  it('keeps one person in one household of the file: the later household is refused', () => {
    const same = { 证件号码: id('62129919700101123') };
    const plan = planImport([hh(2, 'A'), hh(3, 'B')], [member(2, 'A', same), member(3, 'B', same)]);
    expect(plan.candidates[0].body).not.toBeNull();
    expect(plan.candidates[1].problems[0]).toMatchObject({
      row: 3,
      reason: expect.stringMatching(/第2行另一户/),
    });
  });

  it('reads dates, months, numbers and 是/否 as spreadsheets write them', () => {
    expect(convertCell({ t: 'date' }, new Date(Date.UTC(1980, 0, 5)))).toEqual({
      ok: true,
      value: '1980-01-05',
    });
    expect(convertCell({ t: 'date' }, '1980年1月5日')).toEqual({ ok: true, value: '1980-01-05' });
    expect(convertCell({ t: 'month' }, '2025/3')).toEqual({ ok: true, value: '2025-03' });
    expect(convertCell({ t: 'number' }, '1,200.5')).toEqual({ ok: true, value: 1200.5 });
    expect(convertCell({ t: 'bool' }, '是')).toEqual({ ok: true, value: true });
    expect(convertCell({ t: 'int' }, '2.5').ok).toBe(false);
  });
});
