import { fenOf, yuanOf } from './amounts';

describe('fund amounts (yuan shown, fen stored)', () => {
  it('stores yuan as whole fen, rounding away float noise', () => {
    expect(fenOf(12.34)).toBe(1234);
    expect(fenOf(0.1 + 0.2)).toBe(30);
    expect(fenOf(1_000)).toBe(100_000);
  });
  it('shows fen as yuan, and a round trip keeps the amount', () => {
    expect(yuanOf(1234)).toBe(12.34);
    expect(yuanOf(fenOf(99.99))).toBe(99.99);
  });
});
