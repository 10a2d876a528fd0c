import { createHash } from 'node:crypto';
import { Alert, openKeyOf } from '../alerts/alert.schema';
import { applyEvent, emptyState, subjectIdOf } from '../subjects/domain/event-appliers';
import { SubjectEvent, SubjectState } from '../subjects/domain/subject-state';
import { pickThreshold, Threshold } from '../thresholds/threshold';
import { EvalContext, evalContext, FactValue } from './facts';
import { LoadedRule, RuleBook } from './rule-book';

/** A deterministic alert id: the same rule, period, subject and triggering event name the same alert. */
export function alertIdOf(ruleId: string, period: string, subjectId: string, eventId: string): string {
  return createHash('sha256')
    .update(`${ruleId}|${period}|${subjectId}|${eventId}`)
    .digest('hex')
    .slice(0, 32);
}

/** The facts a rule sees: the subject's lasting facts, derived ones (the income line), the event's. */
export function contextOf(
  s: SubjectState,
  asOf: string,
  eventFacts: Record<string, FactValue>,
  thresholds: Threshold[],
  previous: Record<string, FactValue> = s.facts,
): EvalContext {
  const facts: Record<string, FactValue> = { ...s.facts, ...eventFacts };
  facts.currentMonth = asOf.slice(0, 7);
  facts.dayOfMonth = Number(asOf.slice(8, 10));
  if (s.subjectType === 'household') {
    const month = typeof s.facts.incomeMonth === 'string' ? s.facts.incomeMonth : asOf;
    const t = pickThreshold(thresholds, s, Number(month.slice(0, 4)));
    facts.threshold = t?.amount ?? null;
    facts.thresholdSource = t?.source ?? null;
    facts.riskEliminated ??= false; // no elimination seen: not eliminated
    const since = s.facts.lastPlanActivityOn ?? s.facts.monitoredSince;
    facts.daysSincePlanReview = typeof since === 'string' ? daysBetween(since, asOf) : null;
  } else {
    Object.assign(facts, lastMonthAttendance(s, asOf));
  }
  return evalContext(s.subjectType, {
    facts,
    previous,
    monthly: s.monthly,
    occurrences: s.occurrences,
    asOf,
  });
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The month before a day's month, YYYY-MM. */
export function monthBefore(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * A team member's last month from the computed attendance days: days on post (official business
 * counts) and on leave. Unknown (null) unless the member has computed days in that month or the
 * month before it — one no longer tracked (left the team) is not judged.
 */
function lastMonthAttendance(s: SubjectState, asOf: string): Record<string, FactValue> {
  const last = monthBefore(asOf);
  const before = monthBefore(`${last}-01`);
  const days = Object.entries(s.attendance ?? {});
  const tracked = days.some(([d]) => d.startsWith(last) || d.startsWith(before));
  const inLast = days.filter(([d]) => d.startsWith(last));
  return {
    lastMonth: last,
    lastMonthOnPostDays: tracked ? inLast.filter(([, v]) => v === 'on').length : null,
    lastMonthLeaveDays: tracked ? inLast.filter(([, v]) => v === 'leave').length : null,
  };
}

export interface Outcome {
  rule: LoadedRule;
  subject: SubjectState;
  eventId: string;
  period: string;
  openKey: string;
  holds: boolean | null;
  ctx: EvalContext;
}

/** 注销 (household.closed.v1 applied): the household raises no alert; its open ones are closed. */
export const isClosed = (s: SubjectState) => typeof s.facts.closedOn === 'string';

/**
 * Applies a run of events to the subjects' states (in order, per subject) and evaluates the rules
 * each event triggers. Pure: returns the new states and the outcomes; the caller decides what to
 * raise or resolve against the open alerts.
 */
export function evaluateEvents(
  events: SubjectEvent[],
  states: Map<string, SubjectState>,
  book: RuleBook,
  thresholds: Threshold[],
  today: string,
): { changed: Map<string, SubjectState>; outcomes: Outcome[] } {
  const changed = new Map<string, SubjectState>();
  const outcomes: Outcome[] = [];
  for (const e of events) {
    const id = subjectIdOf(e);
    let s = changed.get(id) ?? states.get(id);
    if (s?.appliedEventIds.includes(e.id)) continue; // redelivered: applied already
    if (!s && e.knownOnly) continue; // not a household rules knows
    if (!changed.has(id)) {
      s = s ? (structuredClone(s) as SubjectState) : emptyState(e);
      changed.set(id, s);
    }
    const state = s!;
    const previous = { ...state.facts };
    const applied = applyEvent(state, e);
    if (isClosed(state)) continue; // 注销: no rule is evaluated for it any more
    const rules = book.applicable(
      state.subjectType,
      applied.trigger,
      state.countyCode,
      state.townCode,
      today,
    );
    if (rules.length === 0) continue;
    const ctx = contextOf(state, applied.asOf, applied.eventFacts, thresholds, previous);
    for (const rule of rules) {
      const period = rule.compiled.periodOf(applied.asOf);
      outcomes.push({
        rule,
        subject: state,
        eventId: e.id,
        period,
        openKey: openKeyOf(id, rule.ruleId, period),
        holds: rule.compiled.test(ctx),
        ctx,
      });
    }
  }
  return { changed, outcomes };
}

/** The alert an outcome raises, explained with the facts and values that made the rule true. */
export function alertOf(o: Outcome, raisedAt: Date): Alert {
  const c = o.rule.compiled;
  const s = o.subject;
  return {
    _id: alertIdOf(o.rule.ruleId, o.period, s._id, o.eventId),
    ruleId: o.rule.ruleId,
    ruleVersion: o.rule.version,
    severity: c.body.alert.severity,
    subjectType: s.subjectType,
    subjectId: s._id,
    countyCode: s.countyCode,
    townCode: s.townCode,
    villageCode: s.villageCode,
    period: o.period,
    title: c.title(o.ctx),
    message: c.message(o.ctx),
    explanation: c.explain(o.ctx),
    recipientRoles: c.body.alert.recipientRoles,
    status: 'open',
    openKey: o.openKey,
    triggeredBy: o.eventId,
    raisedAt,
    resolvedAt: null,
    resolution: null,
    ...(c.body.alert.escalateAfterMinutes ? { escalateAfterMinutes: c.body.alert.escalateAfterMinutes } : {}),
  };
}

/**
 * Walks outcomes in order against the open alerts: a rule that holds raises unless an alert is open
 * for the subject, rule and period; one evaluated false resolves the open one if the rule says so.
 * Unknown changes nothing. `open` is updated as it goes.
 */
export function decide(outcomes: Outcome[], open: Map<string, Alert>, now: Date) {
  const raise: Alert[] = [];
  const resolve: Alert[] = [];
  for (const o of outcomes) {
    const current = open.get(o.openKey);
    if (o.holds === true && !current) {
      const a = alertOf(o, now);
      raise.push(a);
      open.set(o.openKey, a);
    } else if (o.holds === false && current && o.rule.compiled.body.autoResolve) {
      resolve.push(current); // raised earlier in the same run: raised, then resolved (both told)
      open.delete(o.openKey);
    }
  }
  return { raise, resolve };
}
