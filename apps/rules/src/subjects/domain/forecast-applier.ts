import { HouseholdIncomeForecastV1 } from '@lib/contracts';
import { FORECAST_EXPECTED, FORECAST_LOWER } from './subject-facts';
import type { Applied, SubjectState } from './subject-state';

const yuan = (x: number) => Math.round(x).toLocaleString('en-US');

/**
 * household-income.forecast.v1 → the forecast facts (趋势预警): the months ahead as monthly series
 * (replaced whole by each forecast), the outlook, year figure, uncertainty and reasons as text.
 * Trigger `forecast`, at the forecast's base month.
 */
export function applyForecast(s: SubjectState, e: HouseholdIncomeForecastV1): Applied {
  const d = e.data;
  const base = s.facts.forecastBaseMonth;
  // a forecast from an older month than the one held (a late redelivery) does not replace it
  if (typeof base !== 'string' || base <= d.baseMonth) {
    s.monthly[FORECAST_EXPECTED] = Object.fromEntries(d.months.map((m) => [m.month, m.expected]));
    s.monthly[FORECAST_LOWER] = Object.fromEntries(d.months.map((m) => [m.month, m.lower]));
    Object.assign(s.facts, {
      forecastBaseMonth: d.baseMonth,
      forecastCurrent: d.current,
      forecastOutlook: d.months
        .map((m) => `${m.month} 约 ${yuan(m.expected)} 元（${yuan(m.lower)}–${yuan(m.upper)}）`)
        .join('；'),
      forecastYearEnd: d.yearEnd.expected,
      forecastSigma: d.sigma,
      forecastReasons: d.reasons.length ? d.reasons.map((r) => r.text).join('；') : '近期收入无明显变化',
    });
  }
  return { trigger: 'forecast', asOf: `${d.baseMonth}-01`, eventFacts: {} };
}
