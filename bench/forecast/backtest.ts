/**
 * Backtest of the income forecast (季节性朴素法加近期趋势, apps/monitoring/src/income-forecast/domain)
 * on a synthetic county (./synthetic-county.ts: its assumptions are written there). Run:
 * `node dist/bench/forecast/backtest.js` (part of `npm run bench`; BENCH_FORECAST_HOUSEHOLDS,
 * BENCH_FORECAST_MONTHS, BENCH_FORECAST_SEED).
 *
 * For every household and every month from the 13th on, the forecast is made from the figures and
 * facts known by then and compared with what followed. A household "falls below the line" in month c
 * when its recorded figure is under the line in c and was not in c − 1. An alert is simulated as the
 * rule would keep it: raised when the forecast is under the line within 3 months with a 45 % chance
 * (the catalogue rule income-forecast-below-line; beside it the expected figure alone, the 80 % band's
 * lower end, and the forecast without the facts) (while the recorded
 * figure is still above it) and none is open, resolved when a later forecast no longer is. An alert is
 * true when the household falls below within the 3 months after it was raised (or while it is open).
 *   recall ≥ 1 month: falls that had an alert raised 1–3 months before (and still open, or raised then)
 *   precision: true alerts / alerts raised; false per true = false / true
 *   MAPE: mean |forecast − recorded| / recorded, 1 and 3 months ahead, beside "no change" (the
 *   figure stays as it is).
 * Baseline: today's rule (income-below-line) alerts in the month the figure is under the line: 0 months
 * ahead, so its recall ≥ 1 month is 0 and every alert is true.
 */
import {
  forecastIncome,
  monthsToBelowLine,
  WARN_CHANCE,
} from '../../apps/monitoring/src/income-forecast/domain/forecast';
import { runBench } from '../shared/run-bench';
import { LINE, seedLikeness, syntheticCounty } from './synthetic-county';

const HOUSEHOLDS = Number(process.env.BENCH_FORECAST_HOUSEHOLDS ?? 1144);
const MONTHS = Number(process.env.BENCH_FORECAST_MONTHS ?? 48);
const SEED = Number(process.env.BENCH_FORECAST_SEED ?? 20261203);
const WARMUP = 12;

interface Result {
  name: string;
  falls: number;
  warnedAhead: number;
  leadMonths: number[];
  raised: number;
  trueAlerts: number;
}

function simulate(
  county: ReturnType<typeof syntheticCounty>,
  name: string,
  warns: (f: NonNullable<ReturnType<typeof forecastIncome>>) => boolean,
  errors?: { h1: number[]; h3: number[]; naive1: number[]; naive3: number[] },
): Result {
  const r: Result = { name, falls: 0, warnedAhead: 0, leadMonths: [], raised: 0, trueAlerts: 0 };
  for (const hh of county) {
    const P = hh.figures.map((f) => f.perCapitaNetIncome);
    const fallAt = new Set<number>();
    for (let c = WARMUP + 1; c < P.length; c++) if (P[c] < LINE && P[c - 1] >= LINE) fallAt.add(c);
    r.falls += fallAt.size;
    const raisedAt: number[] = [];
    let open = -1;
    for (let t = WARMUP; t < P.length; t++) {
      const month = hh.figures[t].month;
      const f = forecastIncome(
        hh.figures.slice(0, t + 1),
        hh.shocks.filter((s) => s.known <= month).map((s) => s.shock),
      )!;
      if (errors && P[t] > 0) {
        if (t + 1 < P.length) {
          errors.h1.push(Math.abs(f.months[0].expected - P[t + 1]) / P[t + 1]);
          errors.naive1.push(Math.abs(P[t] - P[t + 1]) / P[t + 1]);
        }
        if (t + 3 < P.length) {
          errors.h3.push(Math.abs(f.months[2].expected - P[t + 3]) / P[t + 3]);
          errors.naive3.push(Math.abs(P[t] - P[t + 3]) / P[t + 3]);
        }
      }
      if (P[t] < LINE) {
        open = -1; // below the line: today's rule has it; the trend alert's job is done
        continue;
      }
      const w = warns(f);
      if (w && open < 0) {
        open = t;
        raisedAt.push(t);
      } else if (!w) open = -1;
    }
    // only alerts whose 3 months lie inside the data are judged
    for (const t of raisedAt) {
      if (t + 3 >= P.length) continue;
      r.raised++;
      if ([1, 2, 3].some((h) => fallAt.has(t + h))) r.trueAlerts++;
    }
    for (const c of fallAt) {
      const ahead = raisedAt.filter((t) => t < c && t >= c - 3);
      // an alert raised earlier and kept open up to the fall counts too: the latest raise before c
      const lastRaise = raisedAt.filter((t) => t < c).pop();
      const stillOpen =
        lastRaise !== undefined &&
        lastRaise >= c - 6 &&
        ahead.length === 0 &&
        openThrough(hh, lastRaise, c, warns);
      if (ahead.length > 0 || stillOpen) {
        r.warnedAhead++;
        r.leadMonths.push(c - (ahead[0] ?? lastRaise!));
      }
    }
  }
  return r;
}

/** Did an alert raised at t stay open (the forecast kept warning) every month up to c − 1? */
function openThrough(
  hh: ReturnType<typeof syntheticCounty>[number],
  t: number,
  c: number,
  warns: (f: NonNullable<ReturnType<typeof forecastIncome>>) => boolean,
): boolean {
  for (let k = t + 1; k < c; k++) {
    const month = hh.figures[k].month;
    const f = forecastIncome(
      hh.figures.slice(0, k + 1),
      hh.shocks.filter((s) => s.known <= month).map((s) => s.shock),
    )!;
    if (!warns(f)) return false;
  }
  return true;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

runBench(async () => {
  const started = Date.now();
  const county = syntheticCounty({ households: HOUSEHOLDS, start: '2023-01', months: MONTHS, seed: SEED });
  const errors = { h1: [] as number[], h3: [] as number[], naive1: [] as number[], naive3: [] as number[] };
  const chance = simulate(
    county,
    `趋势预测（3个月内低于监测范围的可能性≥${WARN_CHANCE * 100}%，预警规则）`,
    (f) => monthsToBelowLine(f, LINE, 3, { chance: WARN_CHANCE }) !== null,
    errors,
  );
  const expected = simulate(
    county,
    '趋势预测（预计值低于监测范围，3个月内）',
    (f) => monthsToBelowLine(f, LINE, 3) !== null,
  );
  const lower = simulate(
    county,
    '趋势预测（80%区间下限低于监测范围，3个月内）',
    (f) => monthsToBelowLine(f, LINE, 3, 'lower') !== null,
  );
  const trendOnly = simulateTrendOnly(county);
  const like = seedLikeness(county);
  console.log(
    `\n[forecast] like the seed (1,144 households, 3,534 people, 3.09 a household, surveyed monthly): ${like.households} households, ${like.people} people, ${like.perHousehold} a household, ${like.surveyedMonths} monthly surveys each, ${like.underLineAtStart} under the line at the start`,
  );
  console.log(
    `\n[forecast] synthetic county: ${county.length} households, ${MONTHS} months of surveys from 2023-01 (seed ${SEED}), line ${LINE} 元/人·年, ${county.reduce((s, h) => s + h.shocks.length, 0)} recorded shock facts`,
  );
  console.log(
    `[forecast] method: 季节性朴素法加近期趋势 (seasonal naive + half the 6-month trend) + known shocks; warns at a 45 % chance of a month under the line within 3 months`,
  );
  const rows = [
    {
      name: '现行规则（已低于监测范围才预警，提前0个月）',
      recall: 0,
      precision: 1,
      falsePerTrue: 0,
      lead: 0,
      raised: chance.falls,
    },
    ...[chance, expected, lower, trendOnly].map((r) => ({
      name: r.name,
      recall: r.falls ? r.warnedAhead / r.falls : 0,
      precision: r.raised ? r.trueAlerts / r.raised : 0,
      falsePerTrue: r.trueAlerts ? (r.raised - r.trueAlerts) / r.trueAlerts : Infinity,
      lead: median(r.leadMonths),
      raised: r.raised,
    })),
  ];
  console.log(`[forecast] households' falls below the line: ${chance.falls}`);
  console.log(
    '| 规则 | 提前≥1个月预警的比例 (recall) | 精确率 (precision) | 每条真预警的误报数 | 提前月数中位数 | 预警条数 |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${pct(r.recall)} | ${pct(r.precision)} | ${r.falsePerTrue.toFixed(2)} | ${r.lead} | ${r.raised} |`,
    );
  console.log('| 预测误差 (MAPE) | 1个月 | 3个月 |');
  console.log('|---|---|---|');
  console.log(`| 趋势预测 | ${pct(mean(errors.h1))} | ${pct(mean(errors.h3))} |`);
  console.log(`| 不变（朴素，对照） | ${pct(mean(errors.naive1))} | ${pct(mean(errors.naive3))} |`);
  const recall = rows[1].recall;
  const fpt = rows[1].falsePerTrue;
  console.log(
    `[forecast] aim (≥ 50 % warned ≥ 1 month ahead, ≤ 1 false per true): ${recall >= 0.5 && fpt <= 1 ? 'met' : 'NOT met'} (recall ${pct(recall)}, ${fpt.toFixed(2)} false per true) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});

/** The same backtest without the shock facts: what the facts add. */
function simulateTrendOnly(county: ReturnType<typeof syntheticCounty>): Result {
  const stripped = county.map((h) => ({ ...h, shocks: [] }));
  return simulate(
    stripped,
    `仅趋势，不计部门等已知事实（对照，可能性≥${WARN_CHANCE * 100}%）`,
    (f) => monthsToBelowLine(f, LINE, 3, { chance: WARN_CHANCE }) !== null,
  );
}
