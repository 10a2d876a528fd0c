import { householdIncomeChanged, householdRegistered, thresholdSet } from '@lib/testing';
import { RecordedFactsFold, thresholdsCollectionOf } from './recorded-facts-fold';

/** The replay folds monitoring's facts as the live store writes them (recorded-facts.store.ts). */
describe('recorded facts fold (replay)', () => {
  const income = (perCapitaNetIncome: number, month: string, asOf: string) =>
    householdIncomeChanged({ householdId: 'hh-1', perCapitaNetIncome, month, asOf });

  it("keeps a household's newest income, whatever the order the figures come in", () => {
    const fold = new RecordedFactsFold();
    const applied = fold.apply([
      income(5200, '2026-06', '2026-07-02T00:00:00.000Z'),
      income(9000, '2026-07', '2026-08-02T00:00:00.000Z'),
      income(4000, '2026-05', '2026-06-02T00:00:00.000Z'), // older: nothing
      income(7000, '2026-07', '2026-08-02T00:00:00.000Z'), // the same moment: the first one kept
      householdRegistered(), // not monitoring's
    ]);
    expect(applied).toBe(2);
    expect(fold.incomes.get('hh-1')).toEqual({
      _id: 'hh-1',
      perCapitaNetIncome: 9000,
      month: '2026-07',
      asOf: '2026-08-02T00:00:00.000Z',
    });
    expect([...fold.changedIncomes]).toEqual(['hh-1']);
  });

  it('sets a line per scope and year as the last event says', () => {
    const fold = new RecordedFactsFold();
    const county = (amount: number) =>
      thresholdSet({ scope: 'county', countyCode: '621299', year: 2026, amount });
    fold.apply([
      county(7800),
      county(7500),
      thresholdSet({ scope: 'national', countyCode: null, year: 2026, amount: 6000 }),
    ]);
    expect(fold.thresholds.get('county:621299:2026')).toEqual({
      _id: 'county:621299:2026',
      scope: 'county',
      provinceCode: null,
      countyCode: '621299',
      year: 2026,
      amount: 7500,
      source: '测试监测范围',
    });
    expect([...fold.changedThresholds].sort()).toEqual(['county:621299:2026', 'national:national:2026']);
  });

  it("names the thresholds' collection after the incomes'", () => {
    expect(thresholdsCollectionOf('recorded_incomes')).toBe('recorded_thresholds');
    expect(thresholdsCollectionOf('recorded_incomes_r20261204')).toBe('recorded_thresholds_r20261204');
  });
});
