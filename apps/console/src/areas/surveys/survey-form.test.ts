import { describe, expect, it } from 'vitest';
import { RecordSurveyBody } from '@lib/contracts/surveys';
import {
  amountOf,
  changesOf,
  emptyIncome,
  fieldErrors,
  lineFor,
  liveFigures,
  problemSummary,
  problemsByField,
  reasonZh,
  stateOf,
} from './survey-form';

const typed = (v: Partial<ReturnType<typeof emptyIncome>>) => ({ ...emptyIncome(), ...v });

describe('走访表单的实时计算 (人均纯收入 as the cadre types)', () => {
  it('computes (wage + business + property + transfer − costs) / residents', () => {
    const f = liveFigures(
      typed({ wage: '12000', business: '3000', property: '600', transfer: '2400', businessCosts: '1000' }),
      '4',
      4000,
    );
    expect(f).toEqual({ netIncome: 17000, perCapita: 4250, missing: [], pending: '', belowLine: false });
  });

  it('rounds to the fen the way the API stores it (10000 / 3 = 3333.33)', () => {
    expect(liveFigures(typed({ wage: '10000' }), '3', null).perCapita).toBe(3333.33);
    expect(liveFigures(typed({ wage: '0.1', transfer: '0.2' }), '1', null).perCapita).toBe(0.3);
  });

  it('an empty box counts as 0 and is listed as 缺项; an entered 0 is not', () => {
    const f = liveFigures(typed({ wage: '9000', property: '0' }), '2', null);
    expect(f.perCapita).toBe(4500);
    expect(f.missing).toEqual(['business', 'transfer', 'businessCosts']);
  });

  it('a business loss lowers the figure; below the line is flagged', () => {
    const f = liveFigures(typed({ wage: '8000', business: '-5000' }), '2', 6000);
    expect(f.perCapita).toBe(1500);
    expect(f.belowLine).toBe(true);
  });

  it('is exactly at the line: not below', () => {
    expect(liveFigures(typed({ wage: '12000' }), '2', 6000).belowLine).toBe(false);
  });

  it('reads what people type: thousands separators, full-width digits', () => {
    expect(amountOf('12,000.50')).toBe(12000.5);
    expect(amountOf('１２０００')).toBe(12000);
    expect(amountOf('  ')).toBeNull();
    expect(amountOf('一万')).toBe('一万');
    expect(liveFigures(typed({ wage: '１２,０００' }), '３', null).perCapita).toBe(4000);
  });

  it('says why there is no figure yet instead of showing NaN', () => {
    expect(liveFigures(typed({ wage: '一万' }), '2', 6000)).toMatchObject({ perCapita: null, pending: '有收入项不是数字' });
    expect(liveFigures(typed({ wage: '9000' }), '', 6000)).toMatchObject({
      perCapita: null,
      netIncome: 9000,
      pending: '请填写常住人口',
    });
    expect(liveFigures(typed({ wage: '9000' }), '0', 6000)).toMatchObject({
      perCapita: null,
      pending: '常住人口为0，无法计算人均',
    });
    expect(liveFigures(typed({ wage: '9000' }), '2.5', 6000).pending).toBe('常住人口须为0至30的整数');
  });
});

describe('监测范围 line beside the figure', () => {
  const lines = [
    { scope: 'national' as const, provinceCode: null, countyCode: null, year: 2021, amount: 6000, source: '全国' },
    { scope: 'province' as const, provinceCode: '62', countyCode: null, year: 2025, amount: 7200, source: '省' },
    { scope: 'county' as const, provinceCode: '62', countyCode: '621299', year: 2026, amount: 7600, source: '县' },
  ];
  it('takes the most specific scope for the year, else the latest earlier figure', () => {
    expect(lineFor(lines, '621299', 2026)?.amount).toBe(7600);
    expect(lineFor(lines, '621299', 2025)?.amount).toBe(7200);
    expect(lineFor(lines, '620100', 2026)?.amount).toBe(7200);
    expect(lineFor(lines, '530102', 2026)?.amount).toBe(6000);
    expect(lineFor(lines, '530102', 2020)).toBeNull();
  });
});

describe('the API rules, in Chinese, at the fields', () => {
  it('validates with the API schema itself: every refused field, each with a Chinese reason', () => {
    const r = RecordSurveyBody.safeParse({
      householdId: 'x',
      month: '2026-13',
      visitor: ' ',
      income: { wage: -1, business: 1.234 },
      residentMembers: 2.5,
    });
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.success ? null : r.error);
    expect(Object.keys(errors).sort()).toEqual(
      ['householdId', 'income.business', 'income.wage', 'month', 'residentMembers', 'visitor'].sort(),
    );
    for (const reason of Object.values(errors)) expect(reason).toMatch(/[\u4e00-\u9fff]/);
    expect(errors['income.wage']).toBe('不能为负数');
    expect(errors.residentMembers).toBe('须为整数');
  });

  it('turns the API problems into field messages; Chinese-first reasons keep their Chinese', () => {
    expect(
      problemsByField([
        { field: 'householdId', reason: '该户不在您的管辖范围 (household outside your scope)' },
        { field: 'changes.income.wage', reason: 'must not be negative' },
      ], 'changes.'),
    ).toEqual({ householdId: '该户不在您的管辖范围', 'income.wage': '不能为负数' });
    expect(reasonZh('Number must be less than or equal to 30')).toBe('不能大于 30');
    expect(reasonZh('须为纬度（−90…90）')).toBe('须为纬度（−90…90）');
    expect(reasonZh('already surveyed this month')).toBe('该户本月已有走访记录，如需修改请在原记录上更正');
  });
});

describe('更正: only what the cadre changed is sent', () => {
  const recorded = {
    visitedAt: '2026-11-20T02:00:00.000Z',
    visitor: '张三',
    income: { wage: 12000, business: 0, property: 0, transfer: 2400, businessCosts: 0 },
    missingIncomeComponents: ['business' as const, 'property' as const],
    residentMembers: 3,
    notes: '家中有病人',
  };
  it('an unchanged form changes nothing', () => {
    expect(changesOf(stateOf(recorded), stateOf(recorded))).toEqual({});
  });
  it('names one income component, an emptied one as null, residents and a cleared note', () => {
    const after = stateOf(recorded);
    after.income.wage = '15000';
    after.income.transfer = '';
    after.residentMembers = '4';
    after.notes = '';
    expect(changesOf(stateOf(recorded), after)).toEqual({
      income: { wage: 15000, transfer: null },
      residentMembers: 4,
      notes: null,
    });
  });
});

describe('the message above the save button names the fields', () => {
  it('in Chinese, once each', () => {
    expect(problemSummary({ reason: '必填', 'income.wage': '不能为负数', 'gps.lat': 'x', 'gps.lng': 'y' })).toBe(
      '请修改标红的项：更正原因、工资性收入、纬度、经度',
    );
    expect(problemSummary({})).toBe('');
  });
});
