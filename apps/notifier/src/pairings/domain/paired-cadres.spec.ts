import { pairedCadres } from './paired-cadres';

describe('pairedCadres', () => {
  const names = new Map([
    ['u-wang', { name: '王五', orgUnit: '621299' }],
    ['u-zhao', { name: '赵六', orgUnit: '621299101201' }],
  ]);

  it('keeps the pairing’s order and names each cadre', () => {
    expect(pairedCadres(['u-zhao', 'u-wang'], names)).toEqual([
      { userId: 'u-zhao', name: '赵六', orgUnit: '621299101201' },
      { userId: 'u-wang', name: '王五', orgUnit: '621299' },
    ]);
  });

  it('lists a cadre whose name has not been heard under their id, and each cadre once', () => {
    expect(pairedCadres(['u-li', 'u-wang', 'u-li'], names)).toEqual([
      { userId: 'u-li', name: 'u-li', orgUnit: '' },
      { userId: 'u-wang', name: '王五', orgUnit: '621299' },
    ]);
  });

  it('a household with no cadre has none', () => {
    expect(pairedCadres([], names)).toEqual([]);
  });
});
