import { revealedHouseholdFields, revealedMemberFields } from './revealed-fields';

describe('查看明文: the fields a clear read names in its audit entry', () => {
  it('names the member fields that hold personal data, and only those', () => {
    expect(revealedMemberFields({ idNumberCipher: 'k.a', phoneCipher: 'k.b', healthCipher: 'k.c' })).toEqual([
      'idNumber',
      'phone',
      'health',
    ]);
    expect(revealedMemberFields({ phoneCipher: 'k.b' })).toEqual(['phone']);
    expect(revealedMemberFields({})).toEqual([]);
  });

  it("names the household's contact phone when it has one", () => {
    expect(revealedHouseholdFields({ contactPhoneCipher: 'k.d' })).toEqual(['contactPhone']);
    expect(revealedHouseholdFields({})).toEqual([]);
  });
});
