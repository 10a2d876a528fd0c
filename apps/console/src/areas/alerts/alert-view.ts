/** How an alert's parts read in the console: explanation values, its history, its subject. */
import { labelOf, type LabelKind } from '@lib/contracts/labels';
import { count, percent, time, yuan } from '@/format';

export interface ExplainedFact {
  name: string;
  label: string;
  value: unknown;
}

export interface Alert {
  id: string;
  ruleId: string;
  ruleVersion: number;
  severity: 'low' | 'medium' | 'high';
  subjectType: 'household' | 'team-member' | 'resident-request' | 'care-member';
  subjectId: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  period: string;
  title: string;
  message: string;
  explanation: ExplainedFact[];
  recipientRoles: string[];
  status: 'open' | 'acknowledged' | 'resolved';
  raisedAt: string;
  resolvedAt: string | null;
  resolution: 'auto' | 'manual' | null;
  resolvedBy?: string | null;
  resolutionNote?: string | null;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  acknowledgementNote?: string;
  escalateAfterMinutes?: number;
}

/** Facts whose values are enum codes: the dictionary that names them. */
const ENUM_OF: Record<string, LabelKind> = {
  'event.pattern': 'attendancePattern',
  monitoringCategory: 'monitoringCategory',
  householdType: 'householdType',
  lifecycleState: 'lifecycleState',
  'event.lifecycleTo': 'lifecycleState',
  eliminationMethod: 'eliminationMethod',
  'event.kind': 'departmentFactKind',
  'event.department': 'department',
  'event.projectRisk': 'projectRisk',
  housingSafetyGrade: 'housingSafety',
};
/** Shares (0–1) shown as percentages. */
const SHARES = new Set(['monthOverMonthChange', 'yearOverYearChange', 'ableMemberShare']);
/** Record ids a person cannot read (the page links to the record instead). */
const HIDDEN = new Set(['teamId']);

/** An explanation value as a person reads it: 是/否, 元, %, the label of a code. */
export function explainValue(f: ExplainedFact): string {
  const v = f.value;
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') {
    if (SHARES.has(f.name)) return percent(v);
    if (f.label.includes('元')) return yuan(v);
    return count(v);
  }
  const kind = ENUM_OF[f.name];
  if (kind && typeof v === 'string') return labelOf(kind, v, '—') === '未知' ? v : labelOf(kind, v);
  return String(v);
}

/** The explanation rows worth showing, labelled (a parameter as 规则参数). */
export function explanationRows(alert: Pick<Alert, 'explanation'>): { label: string; value: string }[] {
  return (alert.explanation ?? [])
    .filter((f) => !HIDDEN.has(f.name))
    .map((f) => ({
      label: f.name.startsWith('param.') ? `规则参数：${f.label.replace(/^参数\s*/, '')}` : f.label,
      value: explainValue(f),
    }));
}

export interface HistoryEntry {
  at: string;
  title: string;
  detail?: string;
  type: 'danger' | 'warning' | 'success' | 'info';
}

/**
 * The alert's history, oldest first: raised, acknowledged (with its note), resolved (how, with its
 * note), each naming who acted: 本人, or the name the gateway gives for that user id.
 */
export function historyOf(a: Alert, me?: string | null, names?: ReadonlyMap<string, string>): HistoryEntry[] {
  const who = (u?: string | null) => {
    if (!u) return '';
    if (me && u === me) return '（本人）';
    const name = names?.get(u);
    return name ? `（${name}）` : '';
  };
  const out: HistoryEntry[] = [
    {
      at: time(a.raisedAt),
      title: `发出预警（${labelOf('severity', a.severity)}风险）`,
      detail: a.message,
      type: 'danger',
    },
  ];
  if (a.acknowledgedAt)
    out.push({
      at: time(a.acknowledgedAt),
      title: `已确认${who(a.acknowledgedBy)}`,
      detail: a.acknowledgementNote ? `处理说明：${a.acknowledgementNote}` : undefined,
      type: 'warning',
    });
  if (a.status === 'resolved' && a.resolvedAt)
    out.push({
      at: time(a.resolvedAt),
      title: a.resolution === 'auto' ? '条件不再成立，自动解除' : `人工办结${who(a.resolvedBy)}`,
      detail: a.resolutionNote ? `办结说明：${a.resolutionNote}` : undefined,
      type: 'success',
    });
  return out;
}

/** A household's number from the explanation (the alert's subject as cadres know it). */
export function householdNumberOf(a: Pick<Alert, 'explanation'>): string | null {
  const f = (a.explanation ?? []).find((x) => x.name === 'householdNumber');
  return typeof f?.value === 'string' ? f.value : null;
}

/** The API's unit filter of the alerts list (it takes a town or a village; a county is the scope). */
export function alertUnitQuery(unit: string | null | undefined): { townCode?: string; villageCode?: string } {
  if (!unit || unit.length < 9) return {};
  return unit.length === 9 ? { townCode: unit } : { villageCode: unit.slice(0, 12) };
}

export const SEVERITY_TAG: Record<string, 'danger' | 'warning' | 'info'> = {
  high: 'danger',
  medium: 'warning',
  low: 'info',
};
export const STATUS_TAG: Record<string, 'danger' | 'warning' | 'success'> = {
  open: 'danger',
  acknowledged: 'warning',
  resolved: 'success',
};

/** The users an alert's history names (确认人, 办结人), whose names the page asks the gateway for. */
export function actorsOf(a: Pick<Alert, 'acknowledgedBy' | 'resolvedBy'>, me?: string | null): string[] {
  return [...new Set([a.acknowledgedBy, a.resolvedBy].filter((u): u is string => !!u && u !== me))];
}
