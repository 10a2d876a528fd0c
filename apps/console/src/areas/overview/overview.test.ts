import { describe, expect, it } from 'vitest';
import { townOrVillage } from './overview';

describe('总览 narrows teams and projects by the unit their lists take', () => {
  it('a county is the whole scope; a town or village is named', () => {
    expect(townOrVillage(null)).toEqual({});
    expect(townOrVillage('621299')).toEqual({});
    expect(townOrVillage('621299101')).toEqual({ townCode: '621299101' });
    expect(townOrVillage('621299101201')).toEqual({ villageCode: '621299101201' });
    expect(townOrVillage('62129910120101')).toEqual({ villageCode: '621299101201' });
  });
});
