import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Scope } from '@lib/auth';
import { WorkLogRecordedV1 } from '@lib/contracts';
import { isInside, localDay } from '../attendance/attendance-day';
import { RecomputeAttendance } from '../attendance/recompute-attendance.usecase';
import { memberEvent, orgOf } from '../member-event';
import { TeamsStore } from '../teams/teams.store';
import { memberAndTeam, present } from '../teams/teams.usecases';
import { RecordWorkLogBody } from './work-logs.dto';
import { WorkLog } from './work-log.schema';
import { WorkLogsStore } from './work-logs.store';

/** Records a work log (驻村工作日志); it proves daytime presence when its place is in the village. */
@Injectable()
export class RecordWorkLog {
  constructor(
    private readonly teams: TeamsStore,
    private readonly logs: WorkLogsStore,
    private readonly attendance: RecomputeAttendance,
  ) {}

  async execute(scope: Scope, body: RecordWorkLogBody) {
    const { member, team } = await memberAndTeam(this.teams, scope, body.memberId);
    const at = new Date(body.at);
    const org = orgOf(team);
    const log: WorkLog = {
      _id: randomUUID(),
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
    await this.logs.insert(log, [event]);
    await this.attendance.execute([{ memberId: member._id, day: log.day }]);
    return present(log);
  }
}
