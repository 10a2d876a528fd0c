import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Scope } from '@lib/auth';
import { InspectionRecordedV1 } from '@lib/contracts';
import { orgOf, teamEvent } from '../../member-event';
import { TeamsStore } from '../../teams/teams.store';
import { teamOf } from '../../teams/team-lookups';
import { RecordInspectionBody } from '../inspections.dto';
import { Inspection } from '../inspection.schema';
import { InspectionsStore } from '../inspections.store';
import { initialStatus } from '../domain/inspection-status';

/** Records an inspection of a team (督查通报), announced with its write (inspection.recorded.v1). */
@Injectable()
export class RecordInspection {
  constructor(
    private readonly inspections: InspectionsStore,
    private readonly teams: TeamsStore,
  ) {}

  async execute(scope: Scope, body: RecordInspectionBody): Promise<Inspection> {
    const team = await teamOf(this.teams, scope, body.teamId);
    const inspection: Inspection = {
      _id: randomUUID(),
      ...body,
      countyCode: team.countyCode,
      townCode: team.townCode,
      villageCode: team.villageCode,
      status: initialStatus(body.findings),
      followUps: [],
      createdAt: new Date(),
    };
    const event = teamEvent(InspectionRecordedV1.type, `inspection:${inspection._id}`, orgOf(team), {
      inspectionId: inspection._id,
      inspectedOn: inspection.inspectedOn,
      inspector: inspection.inspector,
      status: inspection.status,
      findings: inspection.findings,
    });
    await this.inspections.insert(inspection, [event]);
    return inspection;
  }
}
