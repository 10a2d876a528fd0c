import { describe, expect, it } from 'vitest';
import { emptyHousehold, emptyMember, householdBody, householdPatch, memberPatch } from './body';

describe('form values → API bodies', () => {
  it('a new household: empty fields left out, the head upper-cased ID, no category = null', () => {
    const f = { ...emptyHousehold('621299101201'), householdNumber: ' 01009 ', householdType: 'ordinary' };
    const head = {
      ...emptyMember(),
      name: '王德明',
      sex: 'male',
      birthDate: '1970-09-14',
      idNumber: '62129919700914123x',
    };
    expect(householdBody(f, head)).toEqual({
      householdNumber: '01009',
      villageCode: '621299101201',
      householdType: 'ordinary',
      monitoringCategory: null,
      members: [
        {
          name: '王德明',
          relation: 'head',
          sex: 'male',
          birthDate: '1970-09-14',
          idNumber: '62129919700914123X',
        },
      ],
    });
  });

  it('an edit sends only what changed; clearing the category sends null; an empty phone keeps the stored one', () => {
    const before = {
      ...emptyHousehold('621299101201'),
      householdType: 'ordinary',
      monitoringCategory: 'unstable_lifted',
      riskTypes: ['illness'],
    };
    expect(householdPatch({ ...before }, before)).toEqual({});
    expect(
      householdPatch({ ...before, monitoringCategory: '', riskTypes: ['illness', 'schooling'] }, before),
    ).toEqual({
      monitoringCategory: null,
      riskTypes: ['illness', 'schooling'],
    });
    expect(householdPatch({ ...before, contactPhone: '13800000000' }, before)).toEqual({
      contactPhone: '13800000000',
    });
  });

  it('a member edit sends only changed fields, never an emptied one', () => {
    const before = {
      ...emptyMember('child'),
      name: '王春花',
      sex: 'female',
      birthDate: '2018-09-23',
      education: 'primary',
    };
    expect(memberPatch({ ...before, name: '王春华', education: '' }, before)).toEqual({ name: '王春华' });
    expect(memberPatch({ ...before, minimumLivingAllowance: true }, before)).toEqual({
      minimumLivingAllowance: true,
    });
  });
});
