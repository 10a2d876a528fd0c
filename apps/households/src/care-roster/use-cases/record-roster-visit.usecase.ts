import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { notFound, Principal, Scope } from '@lib/auth';
import { HouseholdCareVisitRecordedV1 } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { RosterVisitBody } from '../care-roster.dto';
import { CareRosterStore } from '../care-roster.store';
import { chinaToday, lastVisitAfter, rosterEvent, visitDayProblem } from '../domain/roster';
import { entryIn } from './roster-entry';
import { RosterViews } from './roster-views';

/** 关爱走访 of a person on the roster, announced as household.care-visit-recorded.v1 (pairingId: the entry). */
@Injectable()
export class RecordRosterVisit {
  constructor(
    private readonly roster: CareRosterStore,
    private readonly views: RosterViews,
  ) {}

  /** `householdId`: the visit is recorded from that household's page (404 for an entry of another). */
  async execute(caller: Principal, scope: Scope, id: string, body: RosterVisitBody, householdId?: string) {
    const e = await entryIn(this.roster, scope, id);
    if (householdId !== undefined && e.householdId !== householdId)
      throw notFound(`未找到该关爱对象 (no roster entry ${id} in household ${householdId})`);
    const problem = visitDayProblem(e, body.visitedOn, chinaToday());
    if (problem) throw fieldError('visitedOn', problem);
    const at = new Date();
    const visitId = randomUUID();
    const visitor = body.visitor ?? { userId: caller.sub, name: caller.name };
    await this.roster.visit(
      {
        _id: visitId,
        rosterId: e._id,
        householdId: e.householdId,
        countyCode: e.countyCode,
        townCode: e.townCode,
        villageCode: e.villageCode,
        visitedOn: body.visitedOn,
        visitor,
        ...(body.note ? { note: body.note } : {}),
        ...(body.location ? { location: body.location } : {}),
        at,
        by: caller.sub,
      },
      [
        rosterEvent(
          HouseholdCareVisitRecordedV1.type,
          e,
          {
            householdId: e.householdId,
            townCode: e.townCode,
            villageCode: e.villageCode,
            pairingId: e._id,
            memberId: e.memberId,
            group: e.group,
            visitId,
            visitedOn: body.visitedOn,
            carer: e.carer,
            by: caller.sub,
            at: at.toISOString(),
            ...(body.location ? { location: body.location } : {}),
          },
          at,
        ),
      ],
    );
    return {
      visitId,
      rosterId: id,
      ...body,
      visitor,
      entry: await this.views.one({ ...e, lastVisitedOn: lastVisitAfter(e, body.visitedOn) }),
    };
  }
}
