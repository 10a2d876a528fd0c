import {
  householdClosed,
  householdMemberAdded,
  householdMemberRemoved,
  householdRegistered,
} from '@lib/testing';
import { MemberIndexFold } from './member-index';

const hashOf = (n: number) => String(n).repeat(64).slice(0, 64);
const member = (memberId: string, hash?: string) => ({
  memberId,
  relation: 'child' as const,
  sex: 'female' as const,
  birthDate: '2012-06-01',
  labourSkill: 'none' as const,
  ...(hash ? { idNumberHash: hash } : {}),
});

/** The replay folds the registry's events as the live index writes them (IndexMembers). */
describe('member-hash index fold (replay)', () => {
  it('indexes members with a hash once, removes those who left, ignores the rest', () => {
    const fold = new MemberIndexFold();
    const reg = householdRegistered({
      householdId: 'hh-1',
      members: [member('m1', hashOf(1)), member('m2')],
      registeredAt: '2026-03-01T00:00:00Z',
    });
    const applied = fold.apply([
      reg,
      reg, // redelivered: nothing new
      householdMemberAdded({
        householdId: 'hh-1',
        member: member('m3', hashOf(3)),
        at: '2026-04-01T00:00:00Z',
      }),
      householdMemberAdded({ householdId: 'hh-1', member: member('m4') }), // no hash: not indexed
      householdMemberAdded({
        householdId: 'hh-1',
        member: member('m3', hashOf(3)),
        at: '2026-05-01T00:00:00Z',
      }),
      householdMemberRemoved({ householdId: 'hh-1', memberId: 'm1', idNumberHash: hashOf(1) }),
      householdMemberRemoved({ householdId: 'hh-1', memberId: 'm1', idNumberHash: hashOf(1) }),
    ]);
    expect(applied).toBe(3);
    expect([...fold.entries.values()]).toEqual([
      {
        _id: `${hashOf(3)}:hh-1`,
        hash: hashOf(3),
        householdId: 'hh-1',
        memberId: 'm3',
        countyCode: reg.data.countyCode,
        townCode: reg.data.townCode,
        villageCode: expect.any(String),
        since: new Date('2026-04-01T00:00:00Z'), // the first joining is kept
      },
    ]);
    // the removed entry is named as changed (the flush deletes it), the added one too
    expect([...fold.changed].sort()).toEqual([`${hashOf(1)}:hh-1`, `${hashOf(3)}:hh-1`].sort());
  });

  it("keeps a closed household's members, and a registration redelivered after 注销 adds nothing", () => {
    const fold = new MemberIndexFold();
    const reg = householdRegistered({
      householdId: 'hh-1',
      members: [member('m1', hashOf(1)), member('m2', hashOf(2))],
    });
    fold.apply([
      reg,
      householdMemberRemoved({ householdId: 'hh-1', memberId: 'm2', idNumberHash: hashOf(2) }),
    ]);
    const applied = fold.apply([
      householdClosed({ householdId: 'hh-1', on: '2026-09-30', reason: 'death' }),
      reg,
    ]);
    expect(applied).toBe(0);
    expect([...fold.entries.keys()]).toEqual([`${hashOf(1)}:hh-1`]);
  });
});
