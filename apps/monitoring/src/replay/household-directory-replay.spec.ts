import {
  householdClosed,
  householdMemberAdded,
  householdMemberRemoved,
  householdRegistered,
} from '@lib/testing';
import { HouseholdDirectoryFold } from './household-directory-replay';

const member = (memberId: string) => ({
  memberId,
  relation: 'child' as const,
  sex: 'female' as const,
  birthDate: '2012-06-01',
  labourSkill: 'none' as const,
});

/** The replay folds the registry's events as the live directory writes them (household-directory.store.ts). */
describe('household directory fold (replay)', () => {
  it('keeps the first registration, sets of members, the first closure; ignores unknown households', () => {
    const fold = new HouseholdDirectoryFold();
    const reg = householdRegistered({ householdId: 'hh-1', householdNumber: '0001' });
    const applied = fold.apply([
      householdMemberAdded({ householdId: 'hh-1', member: member('early') }), // before it is known
      reg,
      householdRegistered({ householdId: 'hh-1', householdNumber: '9999' }), // redelivered, changed nothing
      householdMemberAdded({ householdId: 'hh-1', member: member('m3') }),
      householdMemberAdded({ householdId: 'hh-1', member: member('m3') }),
      householdMemberRemoved({ householdId: 'hh-1', memberId: 'm3' }),
      householdClosed({ householdId: 'hh-1', on: '2026-09-30', reason: 'death' }),
      householdClosed({ householdId: 'hh-1', on: '2026-10-31', reason: 'moved_out' }),
      householdClosed({ householdId: 'hh-2', on: '2026-09-30', reason: 'death' }),
    ]);
    expect(applied).toBe(4);
    expect([...fold.changed]).toEqual(['hh-1']);
    expect(fold.documents.get('hh-1')).toEqual({
      _id: 'hh-1',
      householdNumber: '0001',
      countyCode: reg.data.countyCode,
      townCode: reg.data.townCode,
      villageCode: reg.data.villageCode,
      memberCount: 2,
      registeredAt: new Date(reg.data.registeredAt),
      members: reg.data.members.map((m) => ({ memberId: m.memberId, relation: m.relation })),
      addedMemberIds: ['m3'],
      removedMemberIds: ['m3'],
      closedOn: '2026-09-30',
      closureReason: 'death',
    });
    expect(fold.documents.has('hh-2')).toBe(false);
  });
});
