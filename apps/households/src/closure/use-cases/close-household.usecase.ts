import { ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { covers, notFound, Principal, Scope, scopeOf } from '@lib/auth';
import { HouseholdClosedV1, HouseholdsPermissions } from '@lib/contracts';
import { fieldConflict, fieldError } from '@lib/service-kit';
import { ChangeHousehold } from '../../households/use-cases/change-household.usecase';
import { HouseholdsStore } from '../../households/households.store';
import { LifecycleTransitionsStore } from '../../lifecycle/lifecycle.store';
import { CloseHouseholdBody } from '../closure.dto';
import { decideClosure } from '../domain/closure';

/** The day a Date falls on in China time. */
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * 注销: closes a household (死亡, 迁出, 合户, 自然消亡) as one change of its record with household.closed.v1 in
 * the same write (outbox); the step is also kept in its lifecycle history. A closed household stays readable
 * and exportable; every later change is refused (409).
 */
@Injectable()
export class CloseHousehold {
  private readonly logger = new Logger(CloseHousehold.name);

  constructor(
    private readonly households: HouseholdsStore,
    private readonly changeHousehold: ChangeHousehold,
    private readonly transitions: LifecycleTransitionsStore,
  ) {}

  async execute(caller: Principal, scope: Scope, id: string, body: CloseHouseholdBody) {
    const owners = HouseholdsPermissions.closeHousehold;
    const closeScope = scopeOf(caller, owners);
    const household = await this.households.load(scope, id);
    if (!household) throw notFound(`未找到该户 (no household ${id})`);
    if (!closeScope || !covers(closeScope, household.villageCode))
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `注销由乡镇或县级办理，您无权操作 (closure is recorded by: ${owners.join(', ')})`,
      });
    const target = body.mergedInto ? await this.households.load(scope, body.mergedInto) : undefined;
    const at = new Date();
    const closure = {
      reason: body.reason,
      on: body.on,
      ...(body.mergedInto ? { mergedInto: body.mergedInto } : {}),
      ...(body.note ? { note: body.note } : {}),
      by: caller.sub,
      at: at.toISOString(),
    };
    const closed = await this.changeHousehold.run(
      caller,
      scope,
      id,
      (doc) => {
        const decision = decideClosure(
          { id, status: doc.status, closure: doc.closure, registeredOn: chinaDay(new Date(doc.createdAt)) },
          body,
          target === undefined ? undefined : target && { id: target._id, status: target.status },
        );
        if (!decision.ok) {
          if (decision.status === 400) throw fieldError(decision.field, decision.reason);
          throw fieldConflict(decision.field, decision.reason);
        }
        return {
          kind: 'closure',
          set: { status: 'closed', closure },
          events: (base) => [
            this.changeHousehold.event<HouseholdClosedV1>(HouseholdClosedV1.type, base, {
              reason: body.reason,
              on: body.on,
              ...(body.mergedInto ? { mergedInto: body.mergedInto } : {}),
              ...(body.note ? { note: body.note } : {}),
            }),
          ],
        };
      },
      { closure: true },
    );
    await this.recordInHistory(id, closure).catch((e: Error) =>
      this.logger.warn(`closure of ${id} not in its lifecycle history: ${e.message}`),
    );
    return closed;
  }

  /** The closure as a step of the household's history (the lifecycle itself does not move). */
  private async recordInHistory(
    id: string,
    closure: Record<string, unknown> & { on: string; by: string; at: string },
  ) {
    const latest = await this.transitions.latest(id);
    const state = latest?.lifecycle?.state ?? null;
    const { on, by, at, ...details } = closure;
    await this.transitions.append(
      {
        householdId: id,
        seq: (latest?.seq ?? 0) + 1,
        lifecycle: latest?.lifecycle ?? null,
        action: 'close',
        from: state,
        to: state,
        on,
        by,
        at: new Date(at),
        details: { action: 'close', ...details },
      },
      [],
    );
  }
}
