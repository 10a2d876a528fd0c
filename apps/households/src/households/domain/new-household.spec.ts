import { randomBytes } from 'node:crypto';
import { RegisterHouseholdBody } from '../households.dto';
import { checkCharOf } from './id-number';
import { newHousehold } from './new-household';
import { PiiCipher } from './pii-cipher';
import { HIDDEN, presentHousehold } from './present-household';

const cipher = new PiiCipher(new Map([['k1', randomBytes(32)]]), 'k1', 'hash-key-0123456789');
const first17 = '62129919800101123';
const idNumber = first17 + checkCharOf(first17);

describe('建档: a new household, sealed and announced', () => {
  const body = RegisterHouseholdBody.parse({
    householdNumber: 'HH-1',
    villageCode: '621299101201',
    householdType: 'ordinary',
    contactPhone: '13900000000',
    members: [
      {
        name: '王大山',
        relation: 'head',
        sex: 'male',
        birthDate: '1980-01-01',
        idNumber,
        phone: '13800000000',
        health: 'chronic_illness',
      },
    ],
  });
  const now = new Date('2026-05-01T00:00:00Z');
  const { household, event } = newHousehold(cipher, body, now);

  it('keeps personal data only sealed, hashed for lookups and masked for display', () => {
    const [m] = household.members;
    expect(JSON.stringify(household)).not.toContain(idNumber);
    expect(JSON.stringify(household)).not.toContain('13800000000');
    expect(cipher.decrypt(m.idNumberCipher!)).toBe(idNumber);
    expect(m.idNumberHash).toBe(cipher.hashIdNumber(idNumber));
    expect(m).toMatchObject({
      idNumberMasked: '6212**********' + idNumber.slice(-4),
      phoneMasked: '138****0000',
    });
    expect(household).toMatchObject({
      countyCode: '621299',
      townCode: '621299101',
      villageCode: '621299101201',
    });
  });

  it('announces the household without names or clear personal data', () => {
    expect(event).toMatchObject({
      type: 'household.registered.v1',
      subject: household._id,
      villageid: '621299101201',
      data: { householdNumber: 'HH-1', memberCount: 1, registeredAt: now.toISOString() },
    });
    expect(event.data.members[0]).toEqual({
      memberId: household.members[0].memberId,
      relation: 'head',
      sex: 'male',
      birthDate: '1980-01-01',
      idNumberHash: cipher.hashIdNumber(idNumber),
    });
    expect(JSON.stringify(event)).not.toContain('王大山');
  });

  it('shows callers masked values and hides health, never ciphertexts or the hash', () => {
    const shown = presentHousehold(household);
    expect(shown).toMatchObject({ id: household._id, status: 'active', contactPhone: '139****0000' });
    expect(shown.members[0]).toMatchObject({
      idNumber: '6212**********' + idNumber.slice(-4),
      health: HIDDEN,
    });
    expect(JSON.stringify(shown)).not.toMatch(/Cipher|idNumberHash/);
  });
});
