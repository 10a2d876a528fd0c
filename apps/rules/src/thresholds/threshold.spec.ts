import { pickThreshold, Threshold } from './threshold';

const row = (t: Partial<Threshold> & Pick<Threshold, 'scope' | 'year' | 'amount'>): Threshold => ({
  provinceCode: null,
  countyCode: null,
  source: 'test',
  ...t,
});

const rows: Threshold[] = [
  row({ scope: 'national', year: 2021, amount: 6000 }),
  row({ scope: 'province', provinceCode: '52', year: 2023, amount: 7300 }),
  row({ scope: 'province', provinceCode: '53', year: 2025, amount: 8700 }),
  row({ scope: 'county', provinceCode: '53', countyCode: '530102', year: 2023, amount: 8050 }),
];

describe('which monitoring line applies (监测范围)', () => {
  it('uses the county figure over the province and national ones for the same year', () => {
    expect(pickThreshold(rows, { provinceCode: '53', countyCode: '530102' }, 2023)?.amount).toBe(8050);
  });
  it('uses the province figure for other counties of the province', () => {
    expect(pickThreshold(rows, { provinceCode: '52', countyCode: '520101' }, 2023)?.amount).toBe(7300);
  });
  it('falls back to the latest earlier figure when the year has none', () => {
    expect(pickThreshold(rows, { provinceCode: '53', countyCode: '530999' }, 2026)?.amount).toBe(8700);
    expect(pickThreshold(rows, { provinceCode: '62', countyCode: '621299' }, 2026)?.amount).toBe(6000);
  });
  it('never uses a figure from a later year', () => {
    expect(pickThreshold(rows, { provinceCode: '53', countyCode: '530999' }, 2024)?.amount).toBe(6000);
    expect(pickThreshold(rows, { provinceCode: '53', countyCode: '530999' }, 2020)).toBeNull();
  });
});
