import type { Permission } from '@lib/contracts/permissions';

/** A request as the API shows it (phone masked). */
export type ResidentRequestView = {
  id: string;
  number: string;
  townCode: string;
  villageCode: string;
  category: string;
  channel: string;
  content: string;
  requesterName: string;
  phoneMasked: string;
  status: string;
  round: number;
  receivedAt: string;
  receivedBy: string;
  dueAt: string;
  assignee: { userId: string; name: string } | null;
  answer: string | null;
  lateEver: boolean;
  overdue: boolean;
  ratings: Array<{ rating: string; round: number; note: string | null; at: string; by: string }>;
  history: Array<{
    at: string;
    by: string;
    action: string;
    from: string | null;
    to: string;
    note: string | null;
  }>;
};

export type VillageStatisticsView = {
  villageCode: string;
  total: number;
  byCategory: Record<string, number>;
  concluded: number;
  concludedOnTime: number;
  onTimeRate: number | null;
  ratings: Record<string, number>;
  satisfactionRate: number | null;
};

export type RequestAction = 'assign' | 'start' | 'conclude' | 'rate';

/** The actions the user may take on a request in its status (and unit). */
export function actionsOf(
  r: Pick<ResidentRequestView, 'status' | 'assignee' | 'villageCode'>,
  can: (p: Permission, unit?: string | null) => boolean,
): RequestAction[] {
  const out: RequestAction[] = [];
  const open = r.status === 'accepted' || r.status === 'in_progress';
  if (open && can('assignResidentRequests', r.villageCode)) out.push('assign');
  if (!can('handleResidentRequests', r.villageCode)) return out;
  if (r.status === 'accepted' && r.assignee) out.push('start');
  if (r.status === 'in_progress') out.push('conclude');
  if (r.status === 'concluded') out.push('rate');
  return out;
}

export const ACTION_LABELS: Record<RequestAction, string> = {
  assign: '交办',
  start: '开始办理',
  conclude: '办结',
  rate: '回访评价',
};

/** 历史 entries in words. */
export const HISTORY_LABELS: Record<string, string> = {
  received: '受理',
  assigned: '交办',
  started: '开始办理',
  concluded: '办结',
  rated: '回访评价',
  reopened: '群众不满意，重新办理',
};

/** The tag colour of a status (overdue: red whatever the status). */
export function statusTag(
  r: Pick<ResidentRequestView, 'status' | 'overdue'>,
): 'danger' | 'warning' | 'success' | 'info' | 'primary' {
  if (r.overdue) return 'danger';
  return (
    ({ accepted: 'warning', in_progress: 'primary', concluded: 'success', visited: 'info' } as const)[
      r.status as 'accepted'
    ] ?? 'info'
  );
}
