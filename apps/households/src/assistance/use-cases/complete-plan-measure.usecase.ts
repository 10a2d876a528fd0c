import { ConflictException, Injectable } from '@nestjs/common';
import { notFound, Principal, Scope } from '@lib/auth';
import { HouseholdPlanMeasureCompletedV1 } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { HouseholdsStore } from '../../households/households.store';
import { CompleteMeasureBody } from '../assistance.dto';
import { AssistanceStore } from '../assistance.store';
import { assistanceEvent, orgOf } from '../domain/assistance';
import { openHouseholdIn } from './assistance-household';
import { Measure } from './read-assistance.usecase';

/** Completes a measure of the plan once (a second completion is a 409) and announces it. */
@Injectable()
export class CompletePlanMeasure {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly records: AssistanceStore,
  ) {}

  async execute(caller: Principal, scope: Scope, id: string, measureId: string, body: CompleteMeasureBody) {
    const h = await openHouseholdIn(this.households, scope, id);
    const m = await this.records.one<Measure>('plan_measures', measureId);
    if (!m || m.householdId !== id) throw notFound(`未找到该措施 (no measure ${measureId})`);
    if (body.completedOn < m.startOn)
      throw fieldError('completedOn', `不能早于措施开始日期 ${m.startOn} (before the start)`);
    const at = new Date();
    const ok = await this.records.insert(
      'plan_measure_completions',
      { _id: measureId, householdId: id, ...orgOf(h), ...body, at, by: caller.sub },
      [
        assistanceEvent(
          HouseholdPlanMeasureCompletedV1.type,
          h,
          {
            measureId,
            measureType: m.type,
            completedOn: body.completedOn,
            ...(body.result ? { result: body.result } : {}),
            by: caller.sub,
          },
          at,
        ),
      ],
    );
    if (!ok)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: '该措施已完成 (measure already completed)',
        problems: [{ field: 'measureId', reason: 'already completed' }],
      });
    return { measureId, status: 'completed', ...body };
  }
}
