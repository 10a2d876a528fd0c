import { describe, expect, it } from 'vitest';
import {
  blankRule,
  checkRule,
  type Condition,
  effectiveVersion,
  kindOf,
  locate,
  mapProblems,
  problemAt,
  type RuleVersion,
  zhReason,
} from './rule-model';

const when: Condition = {
  all: [
    { fact: 'perCapitaNetIncome', op: '<', value: { fact: 'threshold' } },
    { any: [{ fact: 'riskIllness', op: '==', value: true }, { not: { fact: 'nope', op: 'exists' } }] },
    { changed: { fact: 'perCapitaNetIncome', by: 'ratio', direction: 'down', moreThan: { param: 'drop' } } },
  ],
};

describe('API problem paths onto the editor nodes', () => {
  it('a compile error at a fact lands on its comparison node and field', () => {
    expect(locate('rule.when.all.0.fact', when)).toMatchObject({ node: 'rule.when.all.0', field: 'fact' });
    expect(locate('rule.when.all.1.any.1.not.fact', when)).toMatchObject({
      node: 'rule.when.all.1.any.1.not',
      field: 'fact',
    });
  });

  it('an operand parameter points at the value of the node; a wrapped form at its inner field', () => {
    expect(locate('rule.when.all.0.value.param', when)).toMatchObject({ node: 'rule.when.all.0', field: 'value' });
    expect(locate('rule.when.all.2.changed.moreThan.param', when)).toMatchObject({
      node: 'rule.when.all.2',
      field: 'moreThan',
    });
  });

  it('a node the schema could not read (a union error) is the node itself; the root is rule.when', () => {
    expect(locate('rule.when.all.1', when)).toMatchObject({ node: 'rule.when.all.1', field: null });
    expect(locate('rule.when', when)).toMatchObject({ node: 'rule.when', field: null });
    expect(locate('rule.when.op', { fact: 'x', op: 'exists' })).toMatchObject({ node: 'rule.when', field: 'op' });
  });

  it('a path past the tree stays at the last node it reached (an empty list, an index that is gone)', () => {
    expect(locate('rule.when.all', { all: [] })).toMatchObject({ node: 'rule.when', field: 'all' });
    expect(locate('rule.when.all.7.fact', when)).toMatchObject({ node: 'rule.when', field: 'all' });
  });

  it('sorts problems: condition nodes by node, the rest by field; reasons in Chinese', () => {
    const m = mapProblems(
      [
        {
          field: 'rule.when.all.1.any.1.not.fact',
          reason: '规则无法编译 (rule does not compile): 未知的事实 "nope" (unknown fact for household; known: a, b)',
        },
        { field: 'rule.alert.title', reason: 'String must contain at least 1 character(s)' },
        { field: 'effectiveFrom', reason: 'must be a date YYYY-MM-DD' },
        { field: 'rule.when.all.1', reason: 'Invalid input' },
      ],
      when,
    );
    expect(problemAt(m, 'rule.when.all.1.any.1.not', 'fact')).toBe('未知的事实 "nope"');
    expect(problemAt(m, 'rule.when.all.1', null)).toBe('条件的写法不正确');
    expect(problemAt(m, 'rule.when.all.0', 'fact')).toBeUndefined();
    expect(m.fields).toEqual({ 'rule.alert.title': '至少 1 个字', effectiveFrom: '须为日期，如 2026-01-01' });
  });

  it('keeps a Chinese reason with Chinese in its aside, and marks an untranslated English one', () => {
    expect(zhReason('"<" 只能用于数值 (needs a number fact)')).toBe('"<" 只能用于数值');
    expect(zhReason('类型不一致: 事实为 number, 比较值为 string (type mismatch)')).toBe(
      '类型不一致: 事实为 number, 比较值为 string',
    );
    expect(zhReason('something else')).toBe('输入有误：something else');
  });
});

describe('the checks made as the user types use the same paths', () => {
  it('a blank or unknown fact, an undefined parameter, an unknown placeholder', () => {
    const rule = blankRule();
    rule.name = '测试';
    rule.alert.title = '收入低 {{perCapitaNetIncome}}';
    rule.alert.message = '低于 {{param.limit}} 元';
    rule.when = {
      all: [
        { fact: '', op: '<', value: 1 },
        { fact: 'perCapitaNetIncome', op: '<', value: { param: 'limit' } },
        { fact: 'lastMonthOnPostDays', op: '<', value: 20 },
      ],
    };
    const problems = checkRule(rule);
    expect(problems).toEqual([
      { field: 'rule.alert.message', reason: '未知的占位符 {{param.limit}}' },
      { field: 'rule.when.all.0.fact', reason: '请选择事实' },
      { field: 'rule.when.all.1.value.param', reason: '未定义的参数 "limit"' },
      { field: 'rule.when.all.2.fact', reason: '未知的事实 "lastMonthOnPostDays"' },
    ]);
    const m = mapProblems(problems, rule.when);
    expect(problemAt(m, 'rule.when.all.1', 'value')).toBe('未定义的参数 "limit"');
    rule.params.limit = 6000;
    expect(checkRule(rule).map((p) => p.field)).toEqual(['rule.when.all.0.fact', 'rule.when.all.2.fact']);
  });

  it('node kinds read from the shape', () => {
    expect(kindOf({ fact: 'x', op: 'notIn', value: ['a'] })).toBe('in');
    expect(kindOf({ fact: 'x', op: 'missing' })).toBe('exists');
    expect(kindOf({ countWithin: { occurrence: 'commuting', days: 30, op: '>=', value: 3 } })).toBe('countWithin');
  });
});

describe('the version in effect (town over county over platform, newest already effective)', () => {
  const v = (version: number, countyCode: string, townCode: string | null, effectiveFrom: string, enabled = true) =>
    ({ ruleId: 'r', version, scope: { countyCode, townCode }, enabled, effectiveFrom }) as RuleVersion;
  const versions = [
    v(1, '*', null, '2026-01-01'),
    v(1, '621299', null, '2026-01-01'),
    v(2, '621299', null, '2027-01-01', false),
    v(1, '621299', '621299102', '2026-06-01'),
  ];
  it('picks by scope and day', () => {
    expect(effectiveVersion(versions, '621299101203', '2026-12-03')).toMatchObject({ version: 1, scope: { townCode: null } });
    expect(effectiveVersion(versions, '621299102', '2026-12-03')).toMatchObject({ scope: { townCode: '621299102' } });
    expect(effectiveVersion(versions, '621299', '2027-02-01')).toMatchObject({ version: 2, enabled: false });
    expect(effectiveVersion(versions, '622000', '2026-12-03')).toMatchObject({ scope: { countyCode: '*' } });
  });
});

describe('the trend rule kind (forecastBelowLine, issue #23)', () => {
  it('is its own node kind, with a blank of 3 months and a 1–3 month check', async () => {
    const { kindOf, blankNode, blankRule, checkRule } = await import('./rule-model');
    expect(kindOf({ forecastBelowLine: { withinMonths: 3 } })).toBe('forecastBelowLine');
    expect(blankNode('forecastBelowLine')).toEqual({ forecastBelowLine: { withinMonths: 3 } });
    const rule = { ...blankRule(), name: '趋势预警', when: { forecastBelowLine: { withinMonths: 2 } } };
    expect(checkRule(rule).filter((p) => p.field.startsWith('rule.when'))).toEqual([]);
    const tooFar = { ...rule, when: { forecastBelowLine: { withinMonths: 6 } } };
    expect(checkRule(tooFar).filter((p) => p.field.startsWith('rule.when'))).toEqual([
      { field: 'rule.when.forecastBelowLine.withinMonths', reason: '须为 1–3 个月' },
    ]);
  });
});
