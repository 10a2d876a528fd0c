import { applyCorrection } from './correction';
import { SurveyContent } from '../survey.schema';

const recorded: SurveyContent = {
  visitedAt: new Date('2026-10-12T02:00:00Z'),
  visitor: '张明',
  // wage was not given (missing → 0): (0 + 3000 + 0 + 2400 − 600) / 4 = 1200
  income: { wage: 0, business: 3000, property: 0, transfer: 2400, businessCosts: 600 },
  missingIncomeComponents: ['wage'],
  hasMissingIncomeComponents: true,
  residentMembers: 4,
  netIncome: 4800,
  perCapitaNetIncome: 1200,
  guarantees: { foodAndClothing: true, housingSafety: 'B' },
  riskTypes: ['illness'],
};

describe('survey correction (更正)', () => {
  it('fills a missing component, recomputes the figures and names what changed', () => {
    const r = applyCorrection(recorded, { income: { wage: 12000 }, residentMembers: 3 });
    // (12000 + 3000 + 0 + 2400 − 600) / 3 = 5600
    expect(r.next).toMatchObject({ netIncome: 16800, perCapitaNetIncome: 5600, missingIncomeComponents: [] });
    expect(r.next.hasMissingIncomeComponents).toBe(false);
    expect(r.changedFields.sort()).toEqual(['income.wage', 'residentMembers']);
    expect(r.previousValues).toEqual({ 'income.wage': null, residentMembers: 4 });
  });

  it('counts entering a missing component as 0 as a change', () => {
    const r = applyCorrection(recorded, { income: { wage: 0 } });
    expect(r.changedFields).toEqual(['income.wage']);
    expect(r.next.perCapitaNetIncome).toBe(1200);
  });

  it('merges guarantee parts and keeps the others', () => {
    const r = applyCorrection(recorded, { guarantees: { housingSafety: 'C' } });
    expect(r.next.guarantees).toEqual({ foodAndClothing: true, housingSafety: 'C' });
    expect(r.changedFields).toEqual(['guarantees.housingSafety']);
    expect(r.previousValues).toEqual({ 'guarantees.housingSafety': 'B' });
  });

  it('has no per-capita figure when the residents are corrected to none', () => {
    const r = applyCorrection(recorded, { residentMembers: 0 });
    expect(r.next.perCapitaNetIncome).toBeNull();
    expect(r.next.netIncome).toBe(4800);
  });

  it('finds no change when the values are the same', () => {
    expect(applyCorrection(recorded, { visitor: '张明', riskTypes: ['illness'] }).changedFields).toEqual([]);
  });

  it('makes a component missing again with null', () => {
    const r = applyCorrection(recorded, { income: { business: null } });
    // (0 + 0 + 0 + 2400 − 600) / 4 = 450
    expect(r.next.perCapitaNetIncome).toBe(450);
    expect(r.next.missingIncomeComponents).toEqual(['wage', 'business']);
    expect(r.previousValues).toEqual({ 'income.business': 3000 });
  });
});
