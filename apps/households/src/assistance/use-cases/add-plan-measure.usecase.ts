import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal, Scope } from '@lib/auth';
import { HouseholdPlanMeasureAddedV1 } from '@lib/contracts';
import { HouseholdsStore } from '../../households/households.store';
import { PlanMeasureBody } from '../assistance.dto';
import { AssistanceStore } from '../assistance.store';
import { assistanceEvent, orgOf, today } from '../domain/assistance';
import { openHouseholdIn } from './assistance-household';

/** 一户一策: adds a measure to an open household's plan and announces it. */
@Injectable()
export class AddPlanMeasure {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly records: AssistanceStore,
  ) {}

  async execute(caller: Principal, scope: Scope, id: string, body: PlanMeasureBody) {
    const h = await openHouseholdIn(this.households, scope, id);
    const at = new Date();
    const measureId = randomUUID();
    await this.records.insert(
      'plan_measures',
      { _id: measureId, householdId: id, ...orgOf(h), ...body, at, by: caller.sub },
      [
        assistanceEvent(
          HouseholdPlanMeasureAddedV1.type,
          h,
          {
            measureId,
            measureType: body.type,
            content: body.content,
            responsible: body.responsible,
            startOn: body.startOn,
            dueOn: body.dueOn,
            by: caller.sub,
          },
          at,
        ),
      ],
    );
    return {
      measureId,
      householdId: id,
      ...body,
      status: body.startOn <= today() ? 'in_progress' : 'planned',
    };
  }
}
