import { computeIncome } from './income';

const zero = { wage: 0, business: 0, property: 0, transfer: 0, businessCosts: 0 };

describe('per-capita net income (人均纯收入)', () => {
  it.each([
    // hand-computed: (wage + business + property + transfer − costs) / residents
    [
      { ...zero, wage: 12000, business: 3000, property: 600, transfer: 2400, businessCosts: 1000 },
      4,
      17000,
      4250,
    ],
    [{ ...zero, wage: 10000 }, 3, 10000, 3333.33],
    [{ ...zero, wage: 20000 }, 3, 20000, 6666.67],
    [{ ...zero, wage: 0.1, transfer: 0.2 }, 1, 0.3, 0.3],
    [{ ...zero, wage: 8000, business: -5000 }, 2, 3000, 1500],
    [{ ...zero, business: -3000, businessCosts: 1000 }, 2, -4000, -2000],
    [{ ...zero, wage: 5000, businessCosts: 500.5 }, 3, 4499.5, 1499.83],
    [zero, 2, 0, 0],
  ])('%o with %i residents → net %d, per capita %d', (income, residents, net, perCapita) => {
    expect(computeIncome(income, residents)).toEqual({ netIncome: net, perCapitaNetIncome: perCapita });
  });

  it('has no per-capita figure when no member is resident', () => {
    expect(computeIncome({ ...zero, transfer: 3600 }, 0)).toEqual({
      netIncome: 3600,
      perCapitaNetIncome: null,
    });
  });

  it('refuses a fractional or negative number of residents', () => {
    expect(() => computeIncome(zero, 1.5)).toThrow(RangeError);
    expect(() => computeIncome(zero, -1)).toThrow(RangeError);
  });
});
