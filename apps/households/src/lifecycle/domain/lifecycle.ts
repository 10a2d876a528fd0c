/** 监测对象识别与消除: the monitoring lifecycle as a pure state machine (no framework). */
import type { HouseholdsPermissions } from '@lib/contracts';
import {
  LIFECYCLE_ACTIONS,
  LIFECYCLE_STEPS,
  LifecycleAction,
  LifecycleState,
  MonitoringCategory,
} from '@lib/contracts';

export { LIFECYCLE_STATES } from '@lib/contracts';
export type { LifecycleState } from '@lib/contracts';

export const CHANNELS = ['self_application', 'cadre_screening', 'department_warning'] as const;
export type Channel = (typeof CHANNELS)[number];
/** 帮扶消除 / 自然消除 */
export const ELIMINATION_METHODS = ['assisted_elimination', 'natural_elimination'] as const;
export type EliminationMethod = (typeof ELIMINATION_METHODS)[number];

export const ACTIONS = LIFECYCLE_ACTIONS;
export type Action = LifecycleAction;

/** 通过 / 不通过 (退回): every step is approved; the decisions of a level can also be rejected. */
export const DECISIONS = ['approve', 'reject'] as const;
export type StepDecision = (typeof DECISIONS)[number];

/** The decisions (民主评议, 乡镇审核, 县级审定, 风险消除确认): approve or reject with a reason. */
export const REJECTABLE: readonly Action[] = ACTIONS.filter((a) => LIFECYCLE_STEPS[a].rejectable);

/** Who records each step: the level that owns it in the national procedure (the app's `HouseholdsPermissions`). */
export const STEP_PERMISSION = Object.fromEntries(
  ACTIONS.map((a) => [a, LIFECYCLE_STEPS[a].permission satisfies keyof typeof HouseholdsPermissions]),
) as { [A in Action]: (typeof LIFECYCLE_STEPS)[A]['permission'] };

const MOVES: Record<Action, { from: readonly (LifecycleState | null)[]; to: LifecycleState }> =
  LIFECYCLE_STEPS;

export const MIN_NOTICE_DAYS = 5;
export const MIN_MONITORED_MONTHS = 6;

interface CycleState {
  state: LifecycleState;
  channel: Channel;
  identifiedOn: string; // YYYY-MM-DD
  noticeStartedOn?: string;
  lastTransitionOn: string;
  /** 1 for the first identification, 2 for the first 返贫 after an elimination, … */
  cycle: number;
  /** 监测对象类别 proposed at identification; becomes the household's category on 县级审定. */
  category?: MonitoringCategory;
  eliminatedOn?: string;
  method?: EliminationMethod;
}

export interface Lifecycle extends CycleState {
  /** Where the household stood before this cycle's identification (null: not monitored): where a rejection returns it. */
  previous?: CycleState | null;
}

/** What the household's record says, read by the app (never taken from the request) for 风险消除. */
export interface EliminationFacts {
  /** the latest recorded 人均纯收入 (monitoring's income ledger), null when none is recorded */
  perCapitaIncome: { amount: number | null; month: string } | null;
  /** the 监测范围 line in force for the household's county and the year of the decision */
  line: { amount: number; year: number; source: string } | null;
  /** 整户无劳动力, from the recorded members' labour skill */
  wholeHouseholdNoLabour: boolean;
}

export interface TransitionRequest {
  action: Action;
  decision?: StepDecision;
  on: string; // YYYY-MM-DD
  channel?: Channel;
  category?: MonitoringCategory;
  method?: EliminationMethod;
  reason?: string;
}

export type Decision =
  | {
      ok: true;
      decision: StepDecision;
      from: LifecycleState | null;
      to: LifecycleState | null;
      lifecycle: Lifecycle | null;
    }
  | { ok: false; field: string; reason: string; status?: 400 | 409 };

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

const refuse = (field: string, reason: string, status?: 400): Decision => ({
  ok: false,
  field,
  reason,
  ...(status ? { status } : {}),
});

const withoutPrevious = ({ previous, ...cycle }: Lifecycle): CycleState => (void previous, cycle);

/** Labour skills that count as labour (普通 / 技能 / 弱或半劳动力); 丧失 and 无 do not. */
const LABOUR = new Set(['ordinary', 'skilled', 'weak']);

/** 整户无劳动力: every member's labour skill is recorded, and none counts as labour. */
export function wholeHouseholdNoLabour(members: ReadonlyArray<{ labourSkill?: string | null }>): boolean {
  return members.length > 0 && members.every((m) => !!m.labourSkill && !LABOUR.has(m.labourSkill));
}

/** Checks of 风险消除 on the recorded facts: null when they allow it. */
function eliminationProblem(
  lc: Lifecycle,
  req: TransitionRequest,
  facts?: EliminationFacts,
): Decision | null {
  if (!req.method) return refuse('method', '须注明消除方式 (method is required)');
  const earliest = addMonths(lc.identifiedOn, MIN_MONITORED_MONTHS);
  if (req.on < earliest)
    return refuse(
      'on',
      `识别后监测不满${MIN_MONITORED_MONTHS}个月（最早 ${earliest}）不能消除风险 (monitored under ${MIN_MONITORED_MONTHS} months)`,
    );
  if (!facts) return refuse('perCapitaIncome', '未能读取该户的台账记录 (recorded facts unavailable)');
  if (facts.wholeHouseholdNoLabour)
    return refuse(
      'wholeHouseholdNoLabour',
      '台账记载整户无劳动力，落实兜底保障后继续监测，不标注风险消除 (stays monitored)',
    );
  const income = facts.perCapitaIncome;
  if (!income || income.amount === null)
    return refuse(
      'perCapitaIncome',
      '收入台账中没有该户的人均纯收入，请先完成入户走访 (no recorded per-capita income: record a survey first)',
    );
  if (!facts.line)
    return refuse(
      'monitoringLine',
      `没有 ${req.on.slice(0, 4)} 年适用于本县的监测范围 (no monitoring line in force)`,
    );
  if (income.amount < facts.line.amount)
    return refuse(
      'perCapitaIncome',
      `台账记载人均纯收入 ${income.amount} 元（${income.month}）仍低于${facts.line.year}年监测范围 ${facts.line.amount} 元，不能消除风险 (recorded income still below the line)`,
    );
  return null;
}

/**
 * Decides one step: the next lifecycle, or why not. A rejection returns the household to where it came
 * from: a rejected identification (民主评议, 乡镇审核 or 县级审定 says no) to where it stood before it was
 * identified (not monitored, or risk eliminated in an earlier cycle); a refused 风险消除 to 帮扶中.
 */
export function transition(
  current: Lifecycle | null,
  req: TransitionRequest,
  facts?: EliminationFacts,
): Decision {
  const move = MOVES[req.action];
  const from = current?.state ?? null;
  const decision = req.decision ?? 'approve';
  if (decision === 'reject' && !REJECTABLE.includes(req.action))
    return refuse('decision', '该环节不是审核决定，不能驳回 (only a decision can be rejected)', 400);
  if (decision === 'reject' && !req.reason?.trim())
    return refuse('reason', '驳回须写明理由 (a rejection needs its reason)', 400);
  if (!move.from.includes(from))
    return refuse(
      'action',
      `当前状态 ${from ?? '未纳入监测'} 不能执行 ${req.action} (needs state ${move.from.map((s) => s ?? 'not monitored').join(' or ')})`,
    );
  if (current && req.on < current.lastTransitionOn)
    return refuse('on', `日期不能早于上一环节 ${current.lastTransitionOn} (before the previous step)`);

  if (req.action === 'identify') {
    if (!req.channel) return refuse('channel', '识别须注明渠道 (channel is required)');
    return {
      ok: true,
      decision,
      from,
      to: move.to,
      lifecycle: {
        state: move.to,
        channel: req.channel,
        identifiedOn: req.on,
        lastTransitionOn: req.on,
        cycle: (current?.cycle ?? 0) + 1,
        ...(req.category ? { category: req.category } : {}),
        previous: current ? withoutPrevious(current) : null,
      },
    };
  }
  const lc = current!;
  if (decision === 'reject') {
    if (req.action === 'eliminate_risk')
      return { ok: true, decision, from, to: 'assisted', lifecycle: { ...lc, lastTransitionOn: req.on } };
    const back = lc.previous ?? null;
    return {
      ok: true,
      decision,
      from,
      to: back?.state ?? null,
      lifecycle: back ? { ...back, lastTransitionOn: req.on, previous: null } : null,
    };
  }
  if (req.action === 'town_review' && days(lc.noticeStartedOn!, req.on) < MIN_NOTICE_DAYS)
    return refuse(
      'on',
      `公示不少于${MIN_NOTICE_DAYS}天，公示始于 ${lc.noticeStartedOn} (notice period too short)`,
    );
  if (req.action === 'eliminate_risk') {
    const problem = eliminationProblem(lc, req, facts);
    if (problem) return problem;
  }
  return {
    ok: true,
    decision,
    from,
    to: move.to,
    lifecycle: {
      ...lc,
      state: move.to,
      lastTransitionOn: req.on,
      ...(req.action === 'start_public_notice' ? { noticeStartedOn: req.on } : {}),
      ...(req.action === 'eliminate_risk' ? { eliminatedOn: req.on, method: req.method } : {}),
    },
  };
}
