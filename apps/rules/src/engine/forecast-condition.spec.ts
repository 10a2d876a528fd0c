import { householdIncomeChanged, householdIncomeForecast, householdRegistered } from '@lib/testing';
import { applyEvent, emptyState } from '../subjects/domain/event-appliers';
import { SubjectEvent } from '../subjects/domain/subject-state';
import { DEFAULT_THRESHOLDS } from '../thresholds/default-thresholds';
import { compileRule, RuleCompileError } from './compiler';
import { DEFAULT_CATALOGUE } from './default-catalogue';
import { contextOf } from './evaluate';
import { RuleBody, RuleBody as RuleBodyZ } from './rule-language';

const VILLAGE = '621299101201'; // province 62: the national line, 6,000 a person

/** A household with an income of `perCapita` in 2026-09 and a forecast going to `months`. */
function household(perCapita: number, months: number[] | null) {
  const id = 'hh-forecast-1';
  const place = { householdId: id, villageCode: VILLAGE, townCode: '621299101' };
  const events: SubjectEvent[] = [
    householdRegistered({ ...place, countyCode: '621299', provinceCode: '62', householdNumber: 'HH-0001' }),
    householdIncomeChanged({ ...place, month: '2026-09', perCapitaNetIncome: perCapita }),
  ];
  if (months)
    events.push(
      householdIncomeForecast({
        ...place,
        baseMonth: '2026-09',
        current: perCapita,
        months: months.map((expected, i) => ({
          month: `2026-${String(10 + i).padStart(2, '0')}`,
          expected,
          lower: expected - 500,
          upper: expected + 500,
        })),
        reasons: [{ code: 'trend_wage', text: '工资性收入连续3个月下降 27%', effect: -1200 }],
        sigma: 407,
      }),
    );
  const s = emptyState(events[0]);
  let applied = applyEvent(s, events[0]);
  for (const e of events.slice(1)) applied = applyEvent(s, e);
  return {
    s,
    ctx: contextOf(s, applied.asOf, applied.eventFacts, DEFAULT_THRESHOLDS),
    trigger: applied.trigger,
  };
}

describe('forecastBelowLine (趋势预警, issue #23)', () => {
  const rule = compileRule(DEFAULT_CATALOGUE['income-forecast-below-line']);

  it('holds when the forecast goes under the line within 3 months while the figure is still above it', () => {
    const { ctx, trigger } = household(6600, [6200, 5800, 5400]);
    expect(trigger).toBe('forecast');
    expect(rule.test(ctx)).toBe(true);
    expect(rule.message(ctx)).toBe(
      '户 HH-0001：人均纯收入 6600 元（2026-09），预计未来3个月 2026-10 约 6,200 元（5,700–6,700）；2026-11 约 5,800 元（5,300–6,300）；2026-12 约 5,400 元（4,900–5,900），可能低于监测范围 6000 元。主要原因：工资性收入连续3个月下降 27%。预测不确定性约 ±407 元/月。请帮扶责任人入户核实，提前落实帮扶措施。',
    );
    const explained = Object.fromEntries(rule.explain(ctx).map((e) => [e.name, e.value]));
    expect(explained).toMatchObject({
      'forecast.forecastExpected.next3Months': '2026-10:6200, 2026-11:5800, 2026-12:5400',
      threshold: 6000,
      forecastReasons: '工资性收入连续3个月下降 27%',
      forecastSigma: 407,
      forecastChance: 45,
    });
  });

  it('warns at a 45 % chance: an expected figure just above the line, within its uncertainty, is enough', () => {
    // 6,050 − 0.126 × 407 × √1 = 5,999: under 6,000 with a 45 % chance; the expected figure alone is not
    const { ctx } = household(6600, [6050, 6100, 6100]);
    expect(rule.test(ctx)).toBe(true);
    const expectedOnly = compileRule({
      ...DEFAULT_CATALOGUE['income-forecast-below-line'],
      when: { forecastBelowLine: { withinMonths: 3 } },
    });
    expect(expectedOnly.test(ctx)).toBe(false);
    // 6,060 − 51 = 6,009, 6,100 − 72.5, 6,130 − 88.8: never under with a 45 % chance
    expect(rule.test(household(6600, [6060, 6100, 6130]).ctx)).toBe(false);
  });

  it('is false when the forecast stays above the line (resolves), or the figure is already under it', () => {
    expect(rule.test(household(9000, [9100, 9200, 9300]).ctx)).toBe(false);
    expect(rule.test(household(5800, [5600, 5400, 5200]).ctx)).toBe(false); // income-below-line's job
  });

  it('is unknown without a forecast; withinMonths and bound narrow it', () => {
    expect(rule.test(household(6600, null).ctx)).toBeNull();
    const within = (withinMonths: number, bound?: 'lower') =>
      compileRule({
        ...DEFAULT_CATALOGUE['income-forecast-below-line'],
        when: { forecastBelowLine: { withinMonths, bound } },
      });
    const { ctx } = household(6600, [6200, 5800, 5400]);
    expect(within(1).test(ctx)).toBe(false);
    expect(within(2).test(ctx)).toBe(true);
    expect(within(1, 'lower').test(ctx)).toBe(true); // 6,200 − 500 = 5,700
  });

  it('chance is a whole percent from 1 to 50 and excludes bound', () => {
    const parse = (c: Record<string, unknown>) =>
      RuleBodyZ.safeParse({
        ...DEFAULT_CATALOGUE['income-forecast-below-line'],
        when: { forecastBelowLine: { withinMonths: 3, ...c } },
      }).success;
    expect(parse({ chance: 45 })).toBe(true);
    expect(parse({ chance: 60 })).toBe(false);
    expect(parse({ chance: 0 })).toBe(false);
    expect(parse({ chance: 45, bound: 'lower' })).toBe(false);
  });

  it('a later forecast replaces the months; an older one (late redelivery) does not', () => {
    const { s } = household(6600, [6200, 5800, 5400]);
    applyEvent(
      s,
      householdIncomeForecast({ householdId: s._id, villageCode: VILLAGE, baseMonth: '2026-08' }),
    );
    expect(s.facts.forecastBaseMonth).toBe('2026-09');
    expect(s.monthly.forecastExpected).toEqual({ '2026-10': 6200, '2026-11': 5800, '2026-12': 5400 });
  });

  it('is for households only: a team-member rule with it does not compile', () => {
    const body: RuleBody = {
      ...DEFAULT_CATALOGUE['income-forecast-below-line'],
      subjectType: 'team-member',
      when: { forecastBelowLine: { withinMonths: 3 } },
      alert: { ...DEFAULT_CATALOGUE['income-forecast-below-line'].alert, message: '预警' },
    };
    expect(() => compileRule(body)).toThrow(RuleCompileError);
  });
});
