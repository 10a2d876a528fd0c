import type { Scope } from '@lib/auth';
import {
  activeKeyOf,
  changedFields,
  countyOf,
  entryAfter,
  entryData,
  lastVisitAfter,
  newRosterEntry,
  rosterIdOf,
  rosterEvent,
  sees,
  visitDayProblem,
} from './roster';

const h = { _id: 'h1', countyCode: '530102', townCode: '530102001', villageCode: '530102001001' };
const at = new Date('2026-04-01T02:00:00Z');
const entry = newRosterEntry(
  'r1',
  h,
  {
    memberId: 'm1',
    group: 'left_behind_elderly',
    carer: { userId: 'u1', name: '李干部' },
    since: '2026-03-01',
  },
  'admin',
  at,
);

describe('关爱服务名册 entries', () => {
  it('puts a member on the roster once per group, seen by the carer who has an account', () => {
    expect(entry).toMatchObject({
      householdId: 'h1',
      villageCode: '530102001001',
      activeKey: activeKeyOf('m1', 'left_behind_elderly'),
      pairedCadreIds: ['u1'],
      lastVisitedOn: null,
      removedAt: null,
    });
    const noAccount = newRosterEntry('r2', h, { ...entry, carer: { name: '王大姐' } }, 'admin', at);
    expect(noAccount.pairedCadreIds).toEqual([]);
  });

  it('changes only what differs, moving the active key with the group', () => {
    expect(changedFields(entry, { carer: entry.carer, since: '2026-03-01' })).toEqual([]);
    expect(changedFields(entry, { group: 'left_behind_child', carer: { name: '王大姐' } })).toEqual([
      'group',
      'carer',
    ]);
    const after = entryAfter(entry, { group: 'left_behind_child', carer: { name: '王大姐' } }, at);
    expect(after).toMatchObject({
      group: 'left_behind_child',
      activeKey: 'm1|left_behind_child',
      pairedCadreIds: [],
      changedAt: at,
    });
  });

  it('refuses a visit in the future or before the person joined, and keeps the latest visit', () => {
    expect(visitDayProblem(entry, '2026-04-02', '2026-04-01')).toContain('将来');
    expect(visitDayProblem(entry, '2026-02-28', '2026-04-01')).toContain('2026-03-01');
    expect(visitDayProblem(entry, '2026-03-15', '2026-04-01')).toBeNull();
    expect(lastVisitAfter(entry, '2026-03-15')).toBe('2026-03-15');
    expect(lastVisitAfter({ lastVisitedOn: '2026-03-20' }, '2026-03-15')).toBe('2026-03-20');
  });

  it("knows the caller's county and which counties they see", () => {
    const scope: Scope = { all: false, counties: [], towns: ['530102001'], villages: [] };
    expect(countyOf(scope)).toBe('530102');
    expect(sees(scope, '530102')).toBe(true);
    expect(sees(scope, '530103')).toBe(false);
    expect(countyOf({ all: true })).toBeNull();
  });

  it('announces entry changes under the household, its town and village', () => {
    const e = rosterEvent('care-roster.member-added.v1', entry, entryData(entry, 'admin', at), at);
    expect(e).toMatchObject({
      subject: 'h1',
      townid: '530102001',
      villageid: '530102001001',
      data: { rosterId: 'r1', memberId: 'm1', by: 'admin', at: at.toISOString() },
    });
  });

  it('finds the entry of an old care pairing id, and a roster id as it is', () => {
    const old =
      'a1b2c3d4-0000-4000-8000-000000000001:b1b2c3d4-0000-4000-8000-000000000002:left_behind_elderly';
    expect(rosterIdOf(old)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rosterIdOf(old)).toBe(rosterIdOf(old));
    expect(rosterIdOf(`${old}x`)).not.toBe(rosterIdOf(old));
    expect(rosterIdOf('A1B2C3D4-0000-4000-8000-000000000001')).toBe('a1b2c3d4-0000-4000-8000-000000000001');
  });
});
