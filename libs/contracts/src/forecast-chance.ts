/**
 * 收入趋势预测的把握: z of the standard normal such that P(N(0,1) < −z) = chance, for a chance in
 * (0, 0.5] (Abramowitz & Stegun 26.2.23, |error| < 4.5e-4): 0.5 → 0, 0.45 → 0.126, 0.1 → 1.282.
 * A forecast month N(expected, (σ√h)²) is under a line with at least that chance when
 * expected − z·σ√h < line. Shared by monitoring (its at-risk list) and rules (forecastBelowLine).
 */
export function zForChance(chance: number): number {
  if (!(chance > 0 && chance <= 0.5)) throw new RangeError(`chance ${chance} not in (0, 0.5]`);
  const t = Math.sqrt(-2 * Math.log(chance));
  const z =
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t ** 3);
  return Math.max(0, Math.round(z * 1000) / 1000);
}
