/**
 * 关爱走访逾期: the alert the daily pass raises for a person on a village's care roster not visited
 * within the county's frequency for their group, pure. One alert per person and overdue period: the
 * period is the missed due day, so the alert id and open key are the same however often the pass runs
 * until a visit moves the due day on (a later miss is a new period, a new alert). Addressed to the
 * carer by name when they have an account (recipientUsers) and to the village by role.
 */
import { CareGroup, careVisitStatus, orgUnitsOfVillage } from '@lib/contracts';
import { labelOf } from '@lib/contracts/labels';
import type { Alert } from '../../alerts/alert.schema';

export const CARE_OVERDUE_RULE = 'care-visit-overdue';
export const CARE_OVERDUE_ESCALATE_MINUTES = 3 * 24 * 60;

/** What rules keeps of a roster entry (from households' care-roster events). */
export interface CareMember {
  _id: string;
  householdId: string;
  memberId: string;
  townCode: string;
  villageCode: string;
  group: CareGroup;
  carer: { userId?: string; name: string };
  since: string;
  lastVisitedOn: string | null;
}

/** An alert as rules stores it (the type only: this file stays free of the framework). */
export type CareOverdueAlert = Alert & { subjectType: 'care-member' };

/** The alert for the member on `day`, or null when their visit is not overdue. */
export function careOverdueAlert(
  m: CareMember,
  frequencies: Record<CareGroup, number>,
  day: string,
  openKeyOf: (subjectId: string, ruleId: string, period: string) => string,
  now = new Date(),
): CareOverdueAlert | null {
  const s = careVisitStatus(m, frequencies, day);
  if (!s.overdue) return null;
  const group = labelOf('careGroup', m.group);
  const last = m.lastVisitedOn ? `最近走访 ${m.lastVisitedOn}` : `列入名册（${m.since}）以来未走访`;
  return {
    _id: `cvo-${m._id}-${s.dueOn}`,
    ruleId: CARE_OVERDUE_RULE,
    ruleVersion: 1,
    // a week late or more for someone visited weekly (独居老人) matters more
    severity: s.daysOverdue >= s.frequencyDays ? 'high' : 'medium',
    subjectType: 'care-member',
    subjectId: m._id,
    countyCode: orgUnitsOfVillage(m.villageCode).countyCode,
    townCode: m.townCode,
    villageCode: m.villageCode,
    period: s.dueOn,
    title: '关爱走访逾期',
    message: `关爱对象（${group}）应于 ${s.dueOn} 前走访（每 ${s.frequencyDays} 天一次），已逾期 ${s.daysOverdue} 天，${last}。请结对干部 ${m.carer.name} 尽快上门走访并在关爱服务名册登记。`,
    explanation: [
      { name: 'group', label: '关爱对象类别', value: group },
      { name: 'frequencyDays', label: '走访频次（天）', value: s.frequencyDays },
      { name: 'lastVisitedOn', label: '最近走访', value: m.lastVisitedOn ?? null },
      { name: 'dueOn', label: '应走访日期', value: s.dueOn },
      { name: 'daysOverdue', label: '逾期天数', value: s.daysOverdue },
      { name: 'carer', label: '结对干部', value: m.carer.name },
    ],
    recipientRoles: ['paired-cadre', 'village-cadre'],
    recipientUsers: m.carer.userId ? [{ userId: m.carer.userId, name: m.carer.name }] : [],
    status: 'open',
    openKey: openKeyOf(m._id, CARE_OVERDUE_RULE, s.dueOn),
    triggeredBy: `daily:${day}`,
    raisedAt: now,
    resolvedAt: null,
    resolution: null,
    escalateAfterMinutes: CARE_OVERDUE_ESCALATE_MINUTES,
  };
}
