import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { notFound, Principal, Scope } from '@lib/auth';
import { createEvent, HouseholdLifecycleTransitionedV1 } from '@lib/contracts';
import { HouseholdsRepository } from '../households/households.repository';
import { ChangeHousehold } from '../households/change-household.usecase';
import { transition } from './lifecycle';
import { LifecycleTransition, LifecycleTransitionsRepository } from './lifecycle-transitions.repository';

import { TransitionBody } from './transition.dto';

/** One step as callers see it: what happened, when and by whom. */
function presentStep({ seq, action, from, to, on, by, at, details }: Omit<LifecycleTransition, '_id'>) {
  return { seq, action, from, to, on, by, at, details };
}

const conflict = (field: string, reason: string) =>
  new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: reason,
    problems: [{ field, reason }],
  });

/** One step of the monitoring lifecycle: decided by the pure state machine, stored with its history and event. */
@Injectable()
export class TransitionLifecycle {
  private readonly logger = new Logger(TransitionLifecycle.name);

  constructor(
    private readonly households: HouseholdsRepository,
    private readonly transitions: LifecycleTransitionsRepository,
    private readonly changeHousehold: ChangeHousehold,
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
    const { note, ...req } = body;
    const latest = await this.transitions.latest(id);
    const decision = transition(latest?.lifecycle ?? null, req);
    if (!decision.ok) throw conflict(decision.field, decision.reason);
    const now = new Date();
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
        ...(req.method ? { method: req.method } : {}),
        by: caller.sub,
        transitionedAt: now.toISOString(),
      },
    });
    const step = {
      householdId: id,
      seq: (latest?.seq ?? 0) + 1,
      lifecycle: decision.lifecycle,
      action: req.action,
      from: decision.from,
      to: decision.to,
      on: req.on,
      by: caller.sub,
      at: now,
      details: { ...req, ...(note ? { note } : {}) },
    };
    const moved = await this.transitions.append(step, [event]);
    if (!moved) throw conflict('action', '该户状态已被他人更新，请刷新后重试 (changed meanwhile, retry)');
    // the household's copy of the state, for the list filter (the history above is the record)
    // (a failure here leaves the list filter stale, not the lifecycle: the step above is stored and announced)
    await this.changeHousehold
      .setLifecycleState(caller.sub, scope, id, decision.to)
      .catch((e: Error) => this.logger.warn(`lifecycleState copy of ${id} not updated: ${e.message}`));
    return { id, lifecycle: decision.lifecycle, transition: presentStep(step) };
  }
}
