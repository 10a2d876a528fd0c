import { computeIncome, resolveIncome } from './survey-income';

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

describe('missing income components (缺项)', () => {
  it('counts an omitted component as 0 and lists it as missing', () => {
    const { income, missingIncomeComponents } = resolveIncome({ wage: 9000, transfer: 1200 });
    expect(income).toEqual({ wage: 9000, business: 0, property: 0, transfer: 1200, businessCosts: 0 });
    expect(missingIncomeComponents).toEqual(['business', 'property', 'businessCosts']);
    // (9000 + 1200) / 3 = 3400
    expect(computeIncome(income, 3)).toEqual({ netIncome: 10200, perCapitaNetIncome: 3400 });
  });

  it('tells an entered 0 from a gap, and takes null as a gap', () => {
    const r = resolveIncome({ wage: 0, business: null, property: 0, transfer: 0, businessCosts: 0 });
    expect(r.missingIncomeComponents).toEqual(['business']);
    expect(r.income.business).toBe(0);
  });

  it('lists nothing when every component was entered', () => {
    expect(
      resolveIncome({ wage: 1, business: -2, property: 3, transfer: 4, businessCosts: 5 })
        .missingIncomeComponents,
    ).toEqual([]);
  });

  it('a business loss with a missing wage: (−3000 + 0 + 600 + 2400 − 0) / 2 = 0', () => {
    const { income } = resolveIncome({ business: -3000, property: 600, transfer: 2400 });
    expect(computeIncome(income, 2)).toEqual({ netIncome: 0, perCapitaNetIncome: 0 });
  });
});
