import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { InspectionFollowUpChangedV1 } from '@lib/contracts';
import { orgOf, teamEvent } from '../../member-event';
import { FollowUpBody } from '../inspections.dto';
import { Inspection } from '../inspection.schema';
import { InspectionsStore } from '../inspections.store';
import { nextFollowUp } from '../domain/inspection-status';

/** Adds a follow-up (整改记录) to an inspection, announced with its write (inspection.follow-up-changed.v1). */
@Injectable()
export class FollowUpInspection {
  constructor(private readonly inspections: InspectionsStore) {}

  async execute(scope: Scope, id: string, body: FollowUpBody): Promise<Inspection> {
    const notFound = () =>
      new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `未找到该督查记录 (no inspection ${id})`,
      });
    // read, then append only if no other follow-up came meanwhile (a few tries)
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await this.inspections.findById(scope, id);
      if (!before) throw notFound();
      const entry = { ...body, at: new Date() };
      const sequence = nextFollowUp(before.followUps);
      const event = teamEvent(
        InspectionFollowUpChangedV1.type,
        `inspection-follow-up:${id}:${sequence}`,
        orgOf({ ...before, _id: before.teamId }),
        {
          inspectionId: id,
          previousStatus: before.status,
          status: entry.status,
          note: entry.note,
          by: entry.by,
          at: entry.at.toISOString(),
          sequence,
        },
      );
      const updated = await this.inspections.followUp(scope, id, before.followUps.length, entry, [event]);
      if (updated) return updated;
    }
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `督查记录正被同时修改，请重试 (inspection ${id} changed concurrently, try again)`,
    });
  }
}
