/**
 * 诉求办理超期: the alert a resident request's deadline notice raises, pure. One alert per request,
 * round and stage (deterministic id and open key): 即将超期 before the deadline (medium), 超期 at it
 * (high, escalated one level up each day nobody acknowledges it). Addressed to the assignee by name
 * (recipientUsers) and to the village and town by role; without an assignee, the village's cadres.
 */
import type { ResidentRequestDeadlineReachedV1 } from '@lib/contracts';
import { orgUnitsOfVillage } from '@lib/contracts';
import { labelOf } from '@lib/contracts/labels';

export const REQUEST_OVERDUE_RULE = 'resident-request-overdue';
export const REQUEST_OVERDUE_ESCALATE_MINUTES = 24 * 60;

const beijing = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export function requestAlertPeriod(round: number, stage: 'approaching' | 'overdue'): string {
  return `第${round}轮-${stage}`;
}

export interface RequestAlert {
  _id: string;
  ruleId: string;
  ruleVersion: number;
  severity: 'low' | 'medium' | 'high';
  subjectType: 'resident-request';
  subjectId: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  period: string;
  title: string;
  message: string;
  explanation: Array<{ name: string; label: string; value: string | number | null }>;
  recipientRoles: string[];
  recipientUsers: Array<{ userId: string; name: string }>;
  status: 'open';
  openKey: string;
  triggeredBy: string;
  raisedAt: Date;
  resolvedAt: null;
  resolution: null;
  escalateAfterMinutes?: number;
}

export function requestDeadlineAlert(
  e: Pick<ResidentRequestDeadlineReachedV1, 'id' | 'data'>,
  openKeyOf: (subjectId: string, ruleId: string, period: string) => string,
): RequestAlert {
  const d = e.data;
  const overdue = d.stage === 'overdue';
  const period = requestAlertPeriod(d.round, d.stage);
  const who = d.assignee ? `承办人 ${d.assignee.name}` : '尚未交办承办人';
  const category = labelOf('residentRequestCategory', d.category);
  return {
    _id: `rro-${d.requestId}-${d.round}-${d.stage}`,
    ruleId: REQUEST_OVERDUE_RULE,
    ruleVersion: 1,
    severity: overdue ? 'high' : 'medium',
    subjectType: 'resident-request',
    subjectId: d.requestId,
    countyCode: orgUnitsOfVillage(d.villageCode).countyCode,
    townCode: d.townCode,
    villageCode: d.villageCode,
    period,
    title: overdue ? '诉求办理超期' : '诉求办理即将超期',
    message: overdue
      ? `群众诉求 ${d.number}（${category}）已超过办理时限 ${beijing(d.dueAt)} 仍未办结（${who}）。请立即办理并答复群众。`
      : `群众诉求 ${d.number}（${category}）将于 ${beijing(d.dueAt)} 到期，尚未办结（${who}）。请抓紧办理。`,
    explanation: [
      { name: 'number', label: '诉求编号', value: d.number },
      { name: 'category', label: '诉求类别', value: category },
      { name: 'dueAt', label: '办理时限', value: beijing(d.dueAt) },
      { name: 'round', label: '办理轮次', value: d.round },
      { name: 'assignee', label: '承办人', value: d.assignee?.name ?? null },
    ],
    recipientRoles: d.assignee
      ? ['village-cadre', 'town-official']
      : ['village-cadre', 'first-secretary', 'town-official'],
    recipientUsers: d.assignee ? [d.assignee] : [],
    status: 'open',
    openKey: openKeyOf(d.requestId, REQUEST_OVERDUE_RULE, period),
    triggeredBy: e.id,
    raisedAt: new Date(d.detectedAt),
    resolvedAt: null,
    resolution: null,
    ...(overdue ? { escalateAfterMinutes: REQUEST_OVERDUE_ESCALATE_MINUTES } : {}),
  };
}
