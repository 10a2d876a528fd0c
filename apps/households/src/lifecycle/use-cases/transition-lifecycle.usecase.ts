import { ConflictException, ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { covers, notFound, Principal, Scope, scopeOf } from '@lib/auth';
import {
  createEvent,
  HouseholdLifecycleTransitionedV1,
  MonitoringCategory,
  HouseholdsPermissions,
} from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { HouseholdsStore } from '../../households/households.store';
import { ChangeHousehold } from '../../households/use-cases/change-household.usecase';
import { Action, STEP_PERMISSION, transition } from '../domain/lifecycle';
import { LifecycleTransition, LifecycleTransitionsStore } from '../lifecycle.store';
import { RecordedFacts } from '../recorded-facts.store';
import { TransitionBody } from '../lifecycle.dto';

/** One step as callers see it: what happened, when, by whom, and a rejection's reason. */
function presentStep({ seq, action, from, to, on, by, at, details }: Omit<LifecycleTransition, '_id'>) {
  const {
    decision = 'approve',
    reason,
    note,
  } = details as { decision?: string; reason?: string; note?: string };
  return {
    seq,
    action,
    decision,
    from,
    to,
    on,
    by,
    at,
    ...(reason ? { reason } : {}),
    ...(note ? { note } : {}),
    details,
  };
}

const conflict = (field: string, reason: string) =>
  new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: reason,
    problems: [{ field, reason }],
  });

/** Who owns each step, for the 403's message. */
const OWNER: Record<Action, string> = {
  identify: '村两委或驻村工作队',
  village_review: '村级（民主评议）',
  start_public_notice: '村级',
  town_review: '乡镇',
  county_approve: '县级',
  start_assistance: '村两委或驻村工作队',
  eliminate_risk: '县级',
};

/** 脱贫户 → 脱贫不稳定户, others → 边缘易致贫户 (突发严重困难户 is named at identification). */
const defaultCategory = (householdType: string): MonitoringCategory =>
  householdType === 'lifted_out_of_poverty' ? 'unstable_lifted' : 'marginal_at_risk';

/**
 * One step of the monitoring lifecycle, recorded by the level that owns it: decided by the pure state
 * machine (风险消除 on the household's recorded facts), stored with its history and event.
 */
@Injectable()
export class TransitionLifecycle {
  private readonly logger = new Logger(TransitionLifecycle.name);

  constructor(
    private readonly households: HouseholdsStore,
    private readonly transitions: LifecycleTransitionsStore,
    private readonly changeHousehold: ChangeHousehold,
    private readonly facts: RecordedFacts,
  ) {}

  async current(scope: Scope, id: string) {
    await this.householdIn(scope, id);
    const history = await this.transitions.history(id);
    return { id, lifecycle: history.at(-1)?.lifecycle ?? null, history: history.map(presentStep) };
  }

  private async householdIn(scope: Scope, id: string) {
    const household = await this.households.load(scope, id);
    if (!household) throw notFound(`未找到该户 (no household ${id})`);
    return household;
  }

  async execute(caller: Principal, scope: Scope, id: string, body: TransitionBody) {
    const household = await this.householdIn(scope, id);
    if (household.status === 'closed')
      throw conflict(
        'status',
        `该户已于 ${household.closure?.on ?? ''} 注销，不能再办理监测环节 (the household is closed)`,
      );
    // the household is in the caller's scope; the step must be one their level owns, for this household
    const owners = HouseholdsPermissions[STEP_PERMISSION[body.action]];
    const stepScope = scopeOf(caller, owners);
    if (!stepScope || !covers(stepScope, household.villageCode))
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `该环节由${OWNER[body.action]}记录，您无权操作 (${body.action} is recorded by: ${owners.join(', ')})`,
      });
    const { note, reason, ...req } = body;
    const latest = await this.transitions.latest(id);
    const facts =
      body.action === 'eliminate_risk' && body.decision === 'approve'
        ? await this.facts.of(household, body.on)
        : undefined;
    const decision = transition(latest?.lifecycle ?? null, { ...req, reason }, facts);
    if (!decision.ok) {
      if (decision.status === 400) throw fieldError(decision.field, decision.reason);
      throw conflict(decision.field, decision.reason);
    }
    const approvedCategory =
      body.action === 'county_approve' && decision.decision === 'approve'
        ? (decision.lifecycle?.category ?? defaultCategory(household.householdType))
        : undefined;
    const lifecycle =
      decision.lifecycle && body.action === 'identify' && !decision.lifecycle.category
        ? { ...decision.lifecycle, category: defaultCategory(household.householdType) }
        : decision.lifecycle;
    const now = new Date();
    const rejected = decision.decision === 'reject';
    const event: HouseholdLifecycleTransitionedV1 = createEvent({
      type: HouseholdLifecycleTransitionedV1.type,
      source: 'households',
      subject: id,
      townId: household.townCode,
      villageId: household.villageCode,
      time: now,
      data: {
        householdId: id,
        townCode: household.townCode,
        villageCode: household.villageCode,
        action: req.action,
        from: decision.from,
        to: decision.to,
        on: req.on,
        ...(req.channel ? { channel: req.channel } : {}),
        ...(req.method && !rejected ? { method: req.method } : {}),
        by: caller.sub,
        decision: rejected ? 'rejected' : 'approved',
        ...(rejected ? { reason } : {}),
        ...(lifecycle ? { cycle: lifecycle.cycle } : {}),
        ...(approvedCategory ? { category: approvedCategory } : {}),
        transitionedAt: now.toISOString(),
      },
    });
    const step = {
      householdId: id,
      seq: (latest?.seq ?? 0) + 1,
      lifecycle,
      action: req.action,
      from: decision.from,
      to: decision.to,
      on: req.on,
      by: caller.sub,
      at: now,
      details: {
        ...req,
        ...(rejected ? { reason } : {}),
        ...(facts ? { facts } : {}),
        ...(note ? { note } : {}),
      },
    };
    const moved = await this.transitions.append(step, [event]);
    if (!moved) throw conflict('action', '该户状态已被他人更新，请刷新后重试 (changed meanwhile, retry)');
    // the household's copy of the state (list filter) and, on 县级审定, its category (the history above is the record)
    // (a failure here leaves the copy stale, not the lifecycle: the step above is stored and announced)
    await this.changeHousehold
      .setLifecycleState(caller.sub, scope, id, decision.to, approvedCategory)
      .catch((e: Error) => this.logger.warn(`lifecycle copy of ${id} not updated: ${e.message}`));
    return { id, lifecycle, transition: presentStep(step) };
  }
}
