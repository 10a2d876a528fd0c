/** 监测对象识别与消除: the monitoring lifecycle as a pure state machine (no framework). */

export const LIFECYCLE_STATES = [
  'identified', // 识别（农户申请 / 干部排查 / 部门预警）
  'village_reviewed', // 村级评议
  'public_notice', // 公示（不少于5天）
  'town_reviewed', // 乡镇审核
  'county_approved', // 县级审定
  'assisted', // 落实帮扶
  'risk_eliminated', // 风险消除
] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

export const CHANNELS = ['self_application', 'cadre_screening', 'department_warning'] as const;
export type Channel = (typeof CHANNELS)[number];
/** 帮扶消除 / 自然消除 */
export const ELIMINATION_METHODS = ['assisted_elimination', 'natural_elimination'] as const;
export type EliminationMethod = (typeof ELIMINATION_METHODS)[number];

export const ACTIONS = [
  'identify',
  'village_review',
  'start_public_notice',
  'town_review',
  'county_approve',
  'start_assistance',
  'eliminate_risk',
] as const;
export type Action = (typeof ACTIONS)[number];

const MOVES: Record<Action, { from: LifecycleState | null; to: LifecycleState }> = {
  identify: { from: null, to: 'identified' },
  village_review: { from: 'identified', to: 'village_reviewed' },
  start_public_notice: { from: 'village_reviewed', to: 'public_notice' },
  town_review: { from: 'public_notice', to: 'town_reviewed' },
  county_approve: { from: 'town_reviewed', to: 'county_approved' },
  start_assistance: { from: 'county_approved', to: 'assisted' },
  eliminate_risk: { from: 'assisted', to: 'risk_eliminated' },
};

export const MIN_NOTICE_DAYS = 5;
export const MIN_MONITORED_MONTHS = 6;

export interface Lifecycle {
  state: LifecycleState;
  channel: Channel;
  identifiedOn: string; // YYYY-MM-DD
  noticeStartedOn?: string;
  lastTransitionOn: string;
}

export interface TransitionRequest {
  action: Action;
  on: string; // YYYY-MM-DD
  channel?: Channel;
  method?: EliminationMethod;
  /** last known 人均纯收入 (yuan/year) and the year's 监测范围 line, for 帮扶消除 */
  perCapitaIncome?: number;
  monitoringLine?: number;
  /** 整户无劳动力: such households stay monitored */
  wholeHouseholdNoLabour?: boolean;
}

export type Decision =
  | { ok: true; from: LifecycleState | null; to: LifecycleState; lifecycle: Lifecycle }
  | { ok: false; field: string; reason: string };

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

const refuse = (field: string, reason: string): Decision => ({ ok: false, field, reason });

/** Decides one transition: the next lifecycle, or why not. */
export function transition(current: Lifecycle | null, req: TransitionRequest): Decision {
  const move = MOVES[req.action];
  const from = current?.state ?? null;
  if (from !== move.from)
    return refuse(
      'action',
      `当前状态 ${from ?? '未纳入监测'} 不能执行 ${req.action} (needs state ${move.from ?? 'not monitored'})`,
    );
  if (current && req.on < current.lastTransitionOn)
    return refuse('on', `日期不能早于上一环节 ${current.lastTransitionOn} (before the previous step)`);

  if (req.action === 'identify') {
    if (!req.channel) return refuse('channel', '识别须注明渠道 (channel is required)');
    return {
      ok: true,
      from,
      to: move.to,
      lifecycle: { state: move.to, channel: req.channel, identifiedOn: req.on, lastTransitionOn: req.on },
    };
  }
  const lc = current!;
  if (req.action === 'town_review' && days(lc.noticeStartedOn!, req.on) < MIN_NOTICE_DAYS)
    return refuse(
      'on',
      `公示不少于${MIN_NOTICE_DAYS}天，公示始于 ${lc.noticeStartedOn} (notice period too short)`,
    );
  if (req.action === 'eliminate_risk') {
    if (!req.method) return refuse('method', '须注明消除方式 (method is required)');
    if (req.wholeHouseholdNoLabour)
      return refuse(
        'wholeHouseholdNoLabour',
        '整户无劳动力的监测对象不标注风险消除，继续监测 (stays monitored)',
      );
    const earliest = addMonths(lc.identifiedOn, MIN_MONITORED_MONTHS);
    if (req.on < earliest)
      return refuse(
        'on',
        `识别后监测不满${MIN_MONITORED_MONTHS}个月（最早 ${earliest}）不能消除风险 (monitored under ${MIN_MONITORED_MONTHS} months)`,
      );
    if (req.method === 'assisted_elimination') {
      if (req.perCapitaIncome === undefined || req.monitoringLine === undefined)
        return refuse(
          'perCapitaIncome',
          '帮扶消除须提供最近人均纯收入和监测线 (income and line are required)',
        );
      if (req.perCapitaIncome < req.monitoringLine)
        return refuse(
          'perCapitaIncome',
          `人均纯收入 ${req.perCapitaIncome} 仍低于监测线 ${req.monitoringLine}，不能帮扶消除 (income still below the line)`,
        );
    }
  }
  return {
    ok: true,
    from,
    to: move.to,
    lifecycle: {
      ...lc,
      state: move.to,
      lastTransitionOn: req.on,
      ...(req.action === 'start_public_notice' ? { noticeStartedOn: req.on } : {}),
    },
  };
}
