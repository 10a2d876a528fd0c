import { careFrequenciesInForce } from '@lib/contracts';
import { CARE_OVERDUE_RULE, careOverdueAlert, CareMember } from './care-overdue-alert';

const key = (s: string, r: string, p: string) => `${s}|${r}|${p}`;
const member: CareMember = {
  _id: 'roster-1',
  householdId: 'hh-1',
  memberId: 'm-1',
  townCode: '621299101',
  villageCode: '621299101201',
  group: 'living_alone_elderly',
  carer: { userId: 'u-1', name: '张三' },
  since: '2026-09-01',
  lastVisitedOn: '2026-10-01',
};
const defaults = careFrequenciesInForce(null);

describe('关爱走访逾期 alert', () => {
  it('is not raised before or on the due day', () => {
    expect(careOverdueAlert(member, defaults, '2026-10-05', key)).toBeNull();
    expect(careOverdueAlert(member, defaults, '2026-10-08', key)).toBeNull();
  });

  it('is raised once per missed due day, for the carer and the village', () => {
    const a = careOverdueAlert(member, defaults, '2026-10-10', key)!;
    expect(a).toMatchObject({
      _id: 'cvo-roster-1-2026-10-08',
      ruleId: CARE_OVERDUE_RULE,
      subjectType: 'care-member',
      subjectId: 'roster-1',
      countyCode: '621299',
      period: '2026-10-08',
      openKey: 'roster-1|care-visit-overdue|2026-10-08',
      severity: 'medium',
      title: '关爱走访逾期',
      recipientUsers: [{ userId: 'u-1', name: '张三' }],
    });
    expect(a.message).toContain('独居老人');
    expect(a.message).toContain('已逾期 2 天');
    // the next day's pass: the same alert (same id and open key), not a second one
    expect(careOverdueAlert(member, defaults, '2026-10-11', key)).toMatchObject({
      _id: a._id,
      openKey: a.openKey,
    });
    // a week late for a weekly visit: high
    expect(careOverdueAlert(member, defaults, '2026-10-15', key)!.severity).toBe('high');
  });

  it('follows the county frequency and moves on with the visit', () => {
    const child = { ...member, group: 'left_behind_child' as const };
    expect(careOverdueAlert(child, defaults, '2026-10-20', key)).toBeNull();
    expect(
      careOverdueAlert(child, careFrequenciesInForce({ left_behind_child: 14 }), '2026-10-20', key),
    ).not.toBeNull();
    const visited = { ...member, lastVisitedOn: '2026-10-10' };
    expect(careOverdueAlert(visited, defaults, '2026-10-11', key)).toBeNull();
    // without an account the carer is named in the message, the village is told by role
    const noAccount = careOverdueAlert({ ...member, carer: { name: '李四' } }, defaults, '2026-10-10', key)!;
    expect(noAccount.recipientUsers).toEqual([]);
    expect(noAccount.message).toContain('李四');
  });
});
