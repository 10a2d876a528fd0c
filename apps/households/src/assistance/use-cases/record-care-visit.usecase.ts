import { Injectable } from '@nestjs/common';
import { Principal, Scope } from '@lib/auth';
import { rosterIdOf } from '../../care-roster/domain/roster';
import { RecordRosterVisit } from '../../care-roster/use-cases/record-roster-visit.usecase';
import { HouseholdsStore } from '../../households/households.store';
import { CareVisitBody } from '../assistance.dto';
import { openHouseholdIn } from './assistance-household';

/**
 * 关爱走访 from a household's page: recorded on the roster (one visit path, announced as
 * household.care-visit-recorded.v1 by the roster). A pairing id from before the roster took pairings
 * over still finds its entry.
 */
@Injectable()
export class RecordCareVisit {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly recordRosterVisit: RecordRosterVisit,
  ) {}

  async execute(caller: Principal, scope: Scope, id: string, pairingId: string, body: CareVisitBody) {
    await openHouseholdIn(this.households, scope, id);
    const visit = await this.recordRosterVisit.execute(
      caller,
      scope,
      rosterIdOf(pairingId),
      { visitedOn: body.visitedOn, ...(body.notes ? { note: body.notes } : {}) },
      id,
    );
    return { visitId: visit.visitId, pairingId, ...body };
  }
}
