import { compileRule, RuleCompileError } from './compiler';
import { DEFAULT_CATALOGUE } from './default-catalogue';
import { EvalContext, evalContext } from './facts';
import { RuleBody } from './rule-language';

const base: RuleBody = {
  name: 't',
  subjectType: 'household',
  on: ['income'],
  when: { fact: 'perCapitaNetIncome', op: '<', value: { fact: 'threshold' } },
  params: {},
  period: 'year',
  autoResolve: true,
  alert: {
    severity: 'high',
    title: 't',
    message: '{{perCapitaNetIncome}} < {{threshold}}',
    recipientRoles: ['x'],
  },
};

const ctx = (facts: EvalContext['facts'], over: Partial<EvalContext> = {}): EvalContext =>
  evalContext('household', {
    facts,
    previous: {},
    monthly: {},
    occurrences: {},
    asOf: '2026-10-01',
    ...over,
  });

const compileError = (rule: RuleBody): RuleCompileError => {
  try {
    compileRule(rule);
  } catch (e) {
    if (e instanceof RuleCompileError) return e;
    throw e;
  }
  throw new Error('compiled');
};

describe('rule compiler', () => {
  it('compiles every rule of the default catalogue', () => {
    for (const rule of Object.values(DEFAULT_CATALOGUE)) expect(() => compileRule(rule)).not.toThrow();
  });

  it('compares facts with facts and explains with the values read', () => {
    const r = compileRule(base);
    const c = ctx({ perCapitaNetIncome: 4700, threshold: 6000 });
    expect(r.test(c)).toBe(true);
    expect(r.test(ctx({ perCapitaNetIncome: 6000, threshold: 6000 }))).toBe(false);
    expect(r.message(c)).toBe('4700 < 6000');
    expect(r.explain(c)).toEqual([
      { name: 'perCapitaNetIncome', label: '人均纯收入（元）', value: 4700 },
      { name: 'threshold', label: '监测范围（元）', value: 6000 },
    ]);
  });

  it('is unknown (neither true nor false) when a fact is missing, with Kleene all/any/not', () => {
    const r = compileRule(base);
    expect(r.test(ctx({ perCapitaNetIncome: null, threshold: 6000 }))).toBeNull();
    const any = compileRule({
      ...base,
      when: { any: [base.when, { fact: 'memberCount', op: '>', value: 5 }] },
    });
    expect(any.test(ctx({ memberCount: 6 }))).toBe(true);
    expect(any.test(ctx({ memberCount: 2 }))).toBeNull();
    const not = compileRule({ ...base, when: { not: base.when } });
    expect(not.test(ctx({}))).toBeNull();
  });

  it('evaluates ranges, sets, presence and parameters', () => {
    const r = compileRule({
      ...base,
      params: { lo: 1, hi: 3 },
      when: {
        all: [
          { fact: 'memberCount', op: 'between', value: [{ param: 'lo' }, { param: 'hi' }] },
          { fact: 'householdType', op: 'in', value: ['lifted_out_of_poverty'] },
          { fact: 'monitoringCategory', op: 'missing' },
        ],
      },
    });
    expect(r.test(ctx({ memberCount: 3, householdType: 'lifted_out_of_poverty' }))).toBe(true);
    expect(r.test(ctx({ memberCount: 4, householdType: 'lifted_out_of_poverty' }))).toBe(false);
    expect(r.test(ctx({ memberCount: 2, householdType: 'ordinary' }))).toBe(false);
    expect(
      r.test(ctx({ memberCount: 2, householdType: 'lifted_out_of_poverty', monitoringCategory: 'x' })),
    ).toBe(false);
  });

  it('"changed by more than" compares with the value before the event', () => {
    const r = compileRule({
      ...base,
      when: { changed: { fact: 'perCapitaNetIncome', by: 'ratio', direction: 'down', moreThan: 0.3 } },
    });
    expect(r.test(ctx({ perCapitaNetIncome: 6000 }, { previous: { perCapitaNetIncome: 10000 } }))).toBe(true);
    expect(r.test(ctx({ perCapitaNetIncome: 8000 }, { previous: { perCapitaNetIncome: 10000 } }))).toBe(
      false,
    );
    expect(r.test(ctx({ perCapitaNetIncome: 8000 }))).toBeNull();
  });

  it('"for N consecutive months" needs every one of the months', () => {
    const r = compileRule({
      ...base,
      when: { forMonths: { months: 3, fact: 'perCapitaNetIncome', op: '<', value: { fact: 'threshold' } } },
    });
    const monthly = { perCapitaNetIncome: { '2026-08': 5000, '2026-09': 5000, '2026-10': 5000 } };
    expect(r.test(ctx({ threshold: 6000 }, { monthly }))).toBe(true);
    expect(r.test(ctx({ threshold: 6000 }, { monthly, asOf: '2026-11-01' }))).toBe(false);
    const gap = { perCapitaNetIncome: { '2026-08': 5000, '2026-10': 5000 } };
    expect(r.test(ctx({ threshold: 6000 }, { monthly: gap }))).toBe(false);
  });

  it('counts occurrences within a window of days', () => {
    const r = compileRule({
      ...base,
      subjectType: 'team-member',
      on: ['attendance-flag'],
      alert: { ...base.alert, message: 'x' },
      when: { countWithin: { occurrence: 'commuting', days: 30, op: '>=', value: 3 } },
    });
    const occurrences = { commuting: ['2026-09-01', '2026-10-10', '2026-10-20', '2026-10-30'] };
    expect(r.test(ctx({}, { occurrences, asOf: '2026-10-30' }))).toBe(true);
    const upTo20th = { commuting: occurrences.commuting.filter((d) => d <= '2026-10-20') };
    expect(r.test(ctx({}, { occurrences: upTo20th, asOf: '2026-10-20' }))).toBe(false);
    // flags arriving out of order (the 30th known before the 20th is evaluated): the 20th belongs to
    // a 30-day window with three
    expect(r.test(ctx({}, { occurrences, asOf: '2026-10-20' }))).toBe(true);
    // a window of 30 days: the 10th and a day 29 days later are in one, 30 days later are not
    const near = { commuting: ['2026-10-10', '2026-10-20', '2026-11-08'] };
    expect(r.test(ctx({}, { occurrences: near, asOf: '2026-10-10' }))).toBe(true);
    const far = { commuting: ['2026-10-10', '2026-10-20', '2026-11-09'] };
    expect(r.test(ctx({}, { occurrences: far, asOf: '2026-10-10' }))).toBe(false);
    expect(r.test(ctx({}, { occurrences: far, asOf: '2026-10-20' }))).toBe(false);
    expect(r.explain(ctx({}, { occurrences, asOf: '2026-10-30' }))).toContainEqual({
      name: 'count.commuting.30d',
      label: '近30天走读次数',
      value: 3,
    });
  });

  it('refuses a rule that does not compile, naming the path and the reason', () => {
    expect(compileError({ ...base, when: { all: [{ fact: 'nope', op: '<', value: 1 }] } })).toMatchObject({
      path: 'rule.when.all.0.fact',
    });
    expect(compileError({ ...base, when: { fact: 'householdType', op: '<', value: 1 } }).reason).toContain(
      'needs a number fact',
    );
    expect(compileError({ ...base, when: { fact: 'memberCount', op: '==', value: 'x' } }).path).toBe(
      'rule.when.op',
    );
    expect(
      compileError({ ...base, when: { fact: 'memberCount', op: '>', value: { param: 'p' } } }).path,
    ).toBe('rule.when.value.param');
    expect(compileError({ ...base, alert: { ...base.alert, message: '{{nope}}' } }).path).toBe(
      'rule.alert.message',
    );
    expect(compileError({ ...base, on: ['attendance-flag'] }).path).toBe('rule.on');
    expect(
      compileError({ ...base, when: { forMonths: { months: 2, fact: 'memberCount', op: '>', value: 1 } } })
        .path,
    ).toBe('rule.when.forMonths.fact');
  });
});
