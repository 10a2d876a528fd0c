import { evaluateIncomeBelowLine } from './income-below-line';
import { Threshold } from '../thresholds/threshold';

const line: Threshold = {
  scope: 'national',
  provinceCode: null,
  countyCode: null,
  year: 2021,
  amount: 6000,
  source: '全国',
};
const survey = { householdNumber: '0101', month: '2026-10', netIncome: 11000, residentMembers: 2 };

describe('income below the monitoring line', () => {
  it('is breached below the line and explains with the facts', () => {
    const r = evaluateIncomeBelowLine({ ...survey, perCapitaNetIncome: 5500 }, line);
    expect(r).toMatchObject({ evaluated: true, breached: true });
    if (!r.evaluated) throw new Error('unreachable');
    expect(r.message).toContain('5500');
    expect(r.message).toContain('差 500 元');
    expect(r.facts).toContainEqual({ name: 'threshold', label: '监测范围（元）', value: 6000 });
  });
  it('is not breached exactly at the line', () => {
    expect(evaluateIncomeBelowLine({ ...survey, perCapitaNetIncome: 6000 }, line)).toMatchObject({
      breached: false,
    });
  });
  it('cannot be evaluated without residents or without a line', () => {
    expect(evaluateIncomeBelowLine({ ...survey, perCapitaNetIncome: null }, line)).toMatchObject({
      evaluated: false,
    });
    expect(evaluateIncomeBelowLine({ ...survey, perCapitaNetIncome: 100 }, null)).toMatchObject({
      evaluated: false,
    });
  });
});
