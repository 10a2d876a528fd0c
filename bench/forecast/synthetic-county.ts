/**
 * A synthetic county for the forecast backtest, shaped like the seed (../shared/seed: the town's 2022
 * summary — 1,144 resident households with 3,534 people, surveyed every month; cooperatives in
 * 三联村, 银杏村, 大山村 paying dividends; 暴雨 and landslides), generated from the stated assumptions
 * below with a seeded RNG (same seed, same county). `seedLikeness` prints how close it is.
 *
 * Assumptions (per household, monthly, yuan):
 *  - the demo town's five villages, households spread evenly; residents 1–6 (weights
 *    12/22/30/20/11/5 %: 3.1 a household, as the seed's 3,534 / 1,144 = 3.09);
 *    earners = max(1, round(residents / 2));
 *  - per-capita yearly income drawn log-normally around 11,000 (σ 0.35; the province's rural figure
 *    was about 12,000 in 2022), so about one in eight starts under the 7,600 line and many are near
 *    it — more than the seed's 9 monitored households, on purpose: the backtest needs a few hundred
 *    falls below the line to measure recall and precision at all (the seed town would show ~10); split wage 55 %, business (farming) 25 %, transfer 15 %,
 *    property 5 % — a quarter of households are in a cooperative paying a yearly dividend in December
 *    (≈ 600–2,400 yuan);
 *  - seasons: migrant wages 1.2× from March to November and 0.4× in January–February (Spring
 *    Festival at home); farming income mostly at harvest (September 30 %, October 25 %, the rest spread);
 *  - growth 3 % a year; noise: each month's flow × (1 + N(0, 0.12)), the survey's 12-month figure
 *    × (1 + N(0, 0.015)) (the visitor's rounding and recall);
 *  - shocks, each a yearly probability, drawn month by month: job loss (one earner's wage falls 70 %
 *    for 6–18 months, no fact recorded: only the surveys show it) 7 %; serious illness (one earner
 *    stops working for 6–12 months; the health department reports the diagnosis, the medical
 *    insurance the hospital stay with its out-of-pocket cost) 4 %; return from migrant work (one
 *    earner's wage falls to 40 %, for good; the survey notes the employment change) 5 %; disaster
 *    (farming income halved for 6 months; the emergency department reports it with the loss) 2 %;
 *    the dividend stops (never paid again; seen when it has not come a month after its anniversary) 15 %
 *    of dividend households a year; recoveries: a new job after a job loss, the earner's return to work.
 */
import { addMonths, MonthlyFigure, Shock } from '../../apps/monitoring/src/income-forecast/domain/forecast';
import { mulberry32 } from '../pipeline/common';

export const LINE = 7600;
/** The demo town's villages (scripts/demo/demo-town.ts: 三联村, 银杏村, 大山村, 青山村, 河湾村). */
export const VILLAGES = 5;

/** How the county compares with the seed: households, people, a survey a month, the share under the line. */
export function seedLikeness(county: SyntheticHousehold[]) {
  const people = county.reduce((s, h) => s + (h.figures[0]?.residentMembers ?? 0), 0);
  const underAtStart = county.filter((h) => (h.figures[0]?.perCapitaNetIncome ?? 0) < LINE).length;
  return {
    households: county.length,
    people,
    perHousehold: Math.round((people / Math.max(1, county.length)) * 100) / 100,
    surveyedMonths: county[0]?.figures.length ?? 0,
    underLineAtStart: underAtStart,
  };
}

export interface SyntheticHousehold {
  id: number;
  village: number;
  /** What monitoring records at the end of each month (the survey's 12-month figure). */
  figures: MonthlyFigure[];
  /** Facts with the month they become known. */
  shocks: Array<{ known: string; shock: Shock }>;
}

function gaussian(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

const HARVEST: Record<number, number> = { 9: 0.3, 10: 0.25 };
const farmShare = (m: number) => HARVEST[m] ?? 0.45 / 10;
const migrantFactor = (m: number) => (m <= 2 ? 0.4 : 1.2);
// the yearly wage is (2 × 0.4 + 9 × 1.2 + 1 × 1.2)/12 of the monthly base × 12: normalise to 1
const MIGRANT_NORM = 12 / (2 * 0.4 + 10 * 1.2);

export function syntheticCounty(opts: { households: number; start: string; months: number; seed: number }) {
  const rnd = mulberry32(opts.seed);
  const out: SyntheticHousehold[] = [];
  const pick = (w: number[]) => {
    let x = rnd() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < w.length; i++) if ((x -= w[i]) < 0) return i;
    return w.length - 1;
  };
  for (let id = 0; id < opts.households; id++) {
    const residents = 1 + pick([12, 22, 30, 20, 11, 5]);
    const earners = Math.max(1, Math.round(residents / 2));
    const yearly = 11000 * Math.exp(0.35 * gaussian(rnd)) * residents;
    const wagePerEarner = (0.55 * yearly) / earners / 12; // monthly base per earner
    const business = 0.25 * yearly;
    const transfer = (0.15 * yearly) / 12;
    const property = (0.05 * yearly) / 12;
    let dividend = rnd() < 0.25 ? 600 + Math.round(rnd() * 1800) : 0;
    // earner state: wage factor per earner, months left of a temporary shock
    const earner = Array.from({ length: earners }, () => ({ factor: 1, until: -1 }));
    let farmFactor = 1;
    let farmUntil = -1;
    const flows: Array<{ wage: number; business: number; property: number; transfer: number }> = [];
    const shocks: SyntheticHousehold['shocks'] = [];
    const figures: MonthlyFigure[] = [];
    let lastDividendPaid: string | null = null;
    let dividendStopped = false;
    // 12 months of warm-up so the first recorded figure is a full year
    const first = addMonths(opts.start, -12);
    for (let i = 0; i < opts.months + 12; i++) {
      const month = addMonths(first, i);
      const m = Number(month.slice(5, 7));
      const growth = Math.pow(1.03, i / 12);
      const p = (yearlyP: number) => 1 - Math.pow(1 - yearlyP, 1 / 12);
      const recorded = i >= 12;
      // shocks of this month
      for (const e of earner) if (e.until === i) e.factor = 1;
      if (farmUntil === i) farmFactor = 1;
      const day = `${month}-${String(1 + Math.floor(rnd() * 27)).padStart(2, '0')}`;
      const working = earner.filter((e) => e.factor === 1);
      if (working.length > 0 && rnd() < p(0.07)) {
        working[0].factor = 0.3;
        working[0].until = i + 6 + Math.floor(rnd() * 12);
      }
      if (working.length > 0 && rnd() < p(0.04)) {
        const w = working[working.length - 1];
        w.factor = 0;
        w.until = i + 6 + Math.floor(rnd() * 6);
        if (recorded) {
          shocks.push({ known: month, shock: { kind: 'serious_illness', on: day, who: '家庭成员' } });
          const oop = 3000 + Math.round(rnd() * 25000);
          shocks.push({
            known: month,
            shock: { kind: 'hospital_stay', on: day, amount: oop, who: '家庭成员' },
          });
        }
      }
      if (working.length > 0 && rnd() < p(0.05)) {
        working[0].factor = 0.4;
        working[0].until = -1;
        if (recorded)
          shocks.push({ known: month, shock: { kind: 'returned_home', on: day, who: '家庭成员' } });
      }
      if (farmFactor === 1 && rnd() < p(0.02)) {
        farmFactor = 0.5;
        farmUntil = i + 6;
        const loss = Math.round(business * 0.5 * 0.5);
        if (recorded)
          shocks.push({ known: month, shock: { kind: 'disaster', on: day, amount: loss, subType: '洪涝' } });
      }
      if (dividend > 0 && !dividendStopped && m === 11 && rnd() < 0.15) dividendStopped = true;
      const wage = earner.reduce(
        (s, e) => s + wagePerEarner * e.factor * migrantFactor(m) * MIGRANT_NORM * growth,
        0,
      );
      const noise = () => Math.max(0, 1 + 0.12 * gaussian(rnd));
      let prop = property * growth * noise();
      if (m === 12 && dividend > 0 && !dividendStopped) {
        prop += dividend;
        lastDividendPaid = `${month}-20`;
      }
      flows.push({
        wage: wage * noise(),
        business: business * farmShare(m) * farmFactor * growth * noise(),
        property: prop,
        transfer: transfer * growth,
      });
      // a dividend a year old that did not come again: known a month after its anniversary
      if (
        recorded &&
        dividendStopped &&
        lastDividendPaid &&
        month === addMonths(lastDividendPaid.slice(0, 7), 13)
      ) {
        shocks.push({
          known: month,
          shock: {
            kind: 'dividend_stopped',
            on: `${month}-01`,
            projectName: '合作社',
            amount: dividend,
            lastPaidOn: lastDividendPaid,
          },
        });
        dividend = 0;
      }
      if (!recorded) continue;
      const last12 = flows.slice(-12);
      const sum = (k: 'wage' | 'business' | 'property' | 'transfer') =>
        Math.round(last12.reduce((s, f) => s + f[k], 0) * (1 + 0.015 * gaussian(rnd)));
      const income = {
        wage: sum('wage'),
        business: sum('business'),
        property: sum('property'),
        transfer: sum('transfer'),
        businessCosts: 0,
      };
      figures.push({
        month,
        residentMembers: residents,
        income,
        perCapitaNetIncome:
          Math.round(
            ((income.wage + income.business + income.property + income.transfer) / residents) * 100,
          ) / 100,
      });
    }
    out.push({ id, village: id % VILLAGES, figures, shocks });
  }
  return out;
}
