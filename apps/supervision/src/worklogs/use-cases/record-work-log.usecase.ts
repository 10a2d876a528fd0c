import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Scope } from '@lib/auth';
import { fieldError } from '@lib/service-kit';
import { WorkLogRecordedV1 } from '@lib/contracts';
import { localDay } from '../../local-day';
import { present } from '../../present';
import { memberEvent, orgOf } from '../../member-event';
import { isInside } from '../../teams/domain/geofence';
import { TeamsStore } from '../../teams/teams.store';
import { RejudgeMemberDays } from '../../teams/teams.ports';
import { memberAndTeam } from '../../teams/team-lookups';
import { RecordWorkLogBody } from '../worklogs.dto';
import { WorkLog } from '../work-log.schema';
import { WorkLogsStore } from '../worklogs.store';

/** Records a work log (驻村工作日志); it proves daytime presence when its place is in the village. */
@Injectable()
export class RecordWorkLog {
  constructor(
    private readonly teams: TeamsStore,
    private readonly logs: WorkLogsStore,
    private readonly attendance: RejudgeMemberDays,
  ) {}

  async execute(scope: Scope, body: RecordWorkLogBody) {
    const { member, team } = await memberAndTeam(this.teams, scope, body.memberId);
    // the device's id recorded again (a retried or doubled upload): the log already stored
    if (body.id) {
      const again = await this.logs.findById(body.id);
      if (again) return this.replay(again, body);
    }
    const at = new Date(body.at);
    const org = orgOf(team);
    const log: WorkLog = {
      _id: body.id ?? randomUUID(),
      memberId: member._id,
      ...org,
      day: localDay(at),
      at,
      content: body.content,
      place: body.place,
      insideGeofence: isInside(body.place, team.geofence),
      photos: body.photos,
      recordedAt: new Date(),
    };
    const event = memberEvent(WorkLogRecordedV1.type, `worklog:${log._id}`, member._id, org, {
      workLogId: log._id,
      day: log.day,
      at: at.toISOString(),
      insideGeofence: log.insideGeofence,
      photoCount: log.photos.length,
    });
    if ((await this.logs.insert(log, [event])) === 'exists') {
      const again = await this.logs.findById(log._id);
      if (again) return this.replay(again, body);
    }
    await this.attendance.execute([{ memberId: member._id, day: log.day }]);
    return present(log);
  }

  /** The stored log answered again (`replayed: true`); an id used for another member is refused. */
  private replay(log: WorkLog, body: RecordWorkLogBody) {
    if (log.memberId !== body.memberId)
      throw fieldError('id', '该日志编号已用于另一名队员 (this work-log id belongs to another member)');
    return { ...present(log), replayed: true };
  }
}
