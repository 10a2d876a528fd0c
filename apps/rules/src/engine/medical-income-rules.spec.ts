import { compileRule } from './compiler';
import { DEFAULT_CATALOGUE } from './default-catalogue';
import { EvalContext, evalContext } from './facts';

const ctx = (facts: EvalContext['facts']): EvalContext =>
  evalContext('household', { facts, previous: {}, monthly: {}, occurrences: {}, asOf: '2026-10-01' });

const half = compileRule(DEFAULT_CATALOGUE['medical-out-of-pocket-half-rural-income']);
const full = compileRule(DEFAULT_CATALOGUE['medical-out-of-pocket-full-rural-income']);

describe('医疗自付费用 against the rural per-capita disposable income (13131 元 by default)', () => {
  it('50 %: above 6566 元 and up to the whole figure, in Chinese', () => {
    expect(half.test(ctx({ householdNumber: '0101', medicalOutOfPocketYear: 6566 }))).toBe(false);
    const c = ctx({ householdNumber: '0101', medicalOutOfPocketYear: 8000 });
    expect(half.test(c)).toBe(true);
    expect(full.test(c)).toBe(false);
    expect(half.message(c)).toBe(
      '户 0101：本年度医疗自付费用累计 8000 元，超过全省农村居民人均可支配收入的 50%（6566 元）。请帮扶责任人入户核实因病返贫致贫风险，落实医疗救助。',
    );
  });

  it('100 %: above 13131 元 raises the high one only', () => {
    const c = ctx({ householdNumber: '0102', medicalOutOfPocketYear: 15000 });
    expect(full.test(c)).toBe(true);
    expect(half.test(c)).toBe(false);
    expect(full.message(c)).toContain('超过全省农村居民人均可支配收入（13131 元）');
    expect(DEFAULT_CATALOGUE['medical-out-of-pocket-full-rural-income'].alert.severity).toBe('high');
  });

  it('no medical fact pushed: unknown, so neither raises', () => {
    expect(half.test(ctx({ householdNumber: '0103' }))).toBeNull();
    expect(full.test(ctx({ householdNumber: '0103' }))).toBeNull();
  });
});
