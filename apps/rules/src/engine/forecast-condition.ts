import { zForChance } from '@lib/contracts';
import type { ExplainedFact } from './compiler';
import type { EvalContext } from './facts';
import type { ForecastBelowLineCondition } from './rule-language';
import { FORECAST_EXPECTED, FORECAST_LOWER } from '../subjects/domain/subject-facts';

/** The monthly series the forecast applier keeps (subjects/domain/forecast-applier.ts). */
export { FORECAST_EXPECTED, FORECAST_LOWER };

/** The forecast's months after its base month, oldest first: [month, value]. */
function ahead(ctx: EvalContext, series: string, n: number): Array<[string, number]> {
  const base = ctx.facts.forecastBaseMonth;
  if (typeof base !== 'string') return [];
  return Object.entries(ctx.monthly[series] ?? {})
    .filter((e): e is [string, number] => e[0] > base && typeof e[1] === 'number')
    .sort((a, b) => a[0].localeCompare(b[0]))
    .slice(0, n);
}

/**
 * forecastBelowLine: true when a forecast month within `withinMonths` is under `threshold` (with
 * `chance`: under it with at least that chance, N(expected, (σ√h)²)); false when
 * none is; unknown (null) without a forecast or a line. Explained with the months, the line, the
 * reasons and the uncertainty.
 */
export function compileForecastBelowLine(c: ForecastBelowLineCondition): {
  test: (ctx: EvalContext) => boolean | null;
  explainers: Array<(ctx: EvalContext) => ExplainedFact>;
} {
  const { withinMonths, chance } = c.forecastBelowLine;
  const series = c.forecastBelowLine.bound === 'lower' ? FORECAST_LOWER : FORECAST_EXPECTED;
  const label = c.forecastBelowLine.bound === 'lower' ? '预计下限' : '预计';
  // with a chance: the month is under the line with at least that chance (expected − z·σ√h)
  const z = chance === undefined ? 0 : zForChance(chance / 100);
  return {
    test: (ctx) => {
      const line = ctx.facts.threshold;
      const months = ahead(ctx, series, withinMonths);
      if (typeof line !== 'number' || months.length === 0) return null;
      const sigma = typeof ctx.facts.forecastSigma === 'number' ? ctx.facts.forecastSigma : 0;
      return months.some(([, v], i) => v - z * sigma * Math.sqrt(i + 1) < line);
    },
    explainers: [
      (ctx) => ({
        name: `forecast.${series}.next${withinMonths}Months`,
        label: `未来${withinMonths}个月${label}人均纯收入`,
        value: ahead(ctx, series, withinMonths)
          .map(([m, v]) => `${m}:${v}`)
          .join(', '),
      }),
      (ctx) => ({ name: 'threshold', label: '监测范围（元）', value: ctx.facts.threshold ?? null }),
      ...(chance === undefined
        ? []
        : [
            () => ({
              name: 'forecastChance',
              label: '预警把握（某月低于监测范围的可能性，%）',
              value: chance,
            }),
          ]),
      (ctx) => ({ name: 'forecastReasons', label: '预测依据', value: ctx.facts.forecastReasons ?? null }),
      (ctx) => ({
        name: 'forecastSigma',
        label: '预测不确定性（±元，1个月）',
        value: ctx.facts.forecastSigma ?? null,
      }),
    ],
  };
}
