import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { notFound, Principal, Scope } from '@lib/auth';
import { HouseholdCareVisitRecordedV1 } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { HouseholdsStore } from '../../households/households.store';
import { CareVisitBody } from '../assistance.dto';
import { AssistanceStore } from '../assistance.store';
import { assistanceEvent, orgOf, today } from '../domain/assistance';
import { openHouseholdIn } from './assistance-household';
import { Pairing } from './read-assistance.usecase';

/** 关爱走访 of a care pairing (not in the future), announced as household.care-visit-recorded.v1. */
@Injectable()
export class RecordCareVisit {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly records: AssistanceStore,
  ) {}

  async execute(caller: Principal, scope: Scope, id: string, pairingId: string, body: CareVisitBody) {
    const h = await openHouseholdIn(this.households, scope, id);
    const p = await this.records.one<Pairing>('care_pairings', pairingId);
    if (!p || p.householdId !== id) throw notFound(`未找到该关爱结对 (no care pairing ${pairingId})`);
    if (body.visitedOn > today()) throw fieldError('visitedOn', '不能是将来的日期 (in the future)');
    const at = new Date();
    const visitId = randomUUID();
    await this.records.insert(
      'care_visits',
      { _id: visitId, householdId: id, pairingId, ...orgOf(h), ...body, at, by: caller.sub },
      [
        assistanceEvent(
          HouseholdCareVisitRecordedV1.type,
          h,
          {
            pairingId,
            memberId: p.memberId,
            group: p.group,
            visitId,
            visitedOn: body.visitedOn,
            carer: p.carer,
            by: caller.sub,
          },
          at,
        ),
      ],
    );
    return { visitId, pairingId, ...body };
  }
}
