import { Injectable, Logger } from '@nestjs/common';
import { unitChain } from '@lib/auth';
import { CheckInAcceptedV1, CheckInRecord, CloudEvent } from '@lib/contracts';
import { localDay } from '../../local-day';
import { isInside } from '../../teams/domain/geofence';
import { RecomputeAttendance } from '../../attendance/use-cases/recompute-attendance.usecase';
import { AttendanceLedger } from '../../attendance/attendance-ledger';
import { CheckIn, ReceivedVia, UnmatchedCheckIn } from '../../checkins/check-in.schema';
import { CheckInsStore } from '../../checkins/checkins.store';
import { memberEvent, orgOf } from '../../member-event';
import { batchProfile } from '../ingest-profile';
import { Roster } from '../../teams/roster';

export interface IngestResult {
  received: number;
  accepted: number;
  duplicates: number;
  /** Of the accepted: system replays (checkByUser=false), kept but not presence. */
  replays: number;
  /**
   * Users no member is mapped to, and members outside the sending client's org unit: kept aside,
   * listed at /api/v1/checkins/unmatched.
   */
  unmatched: number;
}

/** The codes of an org unit as a record stores them (what a shorter code does not name is null). */
function codesOf(unit: string | null) {
  const [countyCode = null, townCode = null, villageCode = null] = unit ? unitChain(unit) : [];
  return { countyCode, townCode, villageCode };
}

export const checkInId = (r: Pick<CheckInRecord, 'source' | 'sourceRecordId'>) =>
  `${r.source}:${r.sourceRecordId}`;

function recordFields(r: CheckInRecord, via: ReceivedVia, receivedAt: Date) {
  return {
    _id: checkInId(r),
    source: r.source,
    sourceRecordId: r.sourceRecordId,
    userId: r.userId ?? null,
    checkTime: new Date(r.checkTime),
    latitude: r.latitude ?? null,
    longitude: r.longitude ?? null,
    address: r.address ?? null,
    locationResult: r.locationResult ?? null,
    locationMethod: r.locationMethod ?? null,
    deviceSN: r.deviceSN ?? null,
    deviceId: r.deviceId ?? null,
    checkByUser: r.checkByUser,
    receivedVia: via,
    receivedAt,
  };
}

/**
 * The one check-in pipeline behind the DingTalk callback, the signed JSON endpoint and the raw
 * Kafka topic: match users to members, store what is new in bulk (duplicates are ignored by the
 * primary key), keep unknown users aside, and recompute the attendance days the records name.
 * Records arrive validated (CheckInRecord); running it twice with the same records changes nothing.
 */
@Injectable()
export class IngestCheckIns {
  private readonly logger = new Logger(IngestCheckIns.name);

  constructor(
    private readonly teams: Roster,
    private readonly checkIns: CheckInsStore,
    private readonly attendance: RecomputeAttendance,
    private readonly ledger: AttendanceLedger,
  ) {}

  /**
   * `unit`: the org unit the sender is bound to (signed clients); records of members outside it are
   * kept aside as unmatched. Without one (DingTalk, Kafka) the sender speaks for every unit.
   */
  async execute(
    records: CheckInRecord[],
    via: ReceivedVia,
    unit: string | null = null,
  ): Promise<IngestResult> {
    const lap = batchProfile(via);
    const receivedAt = new Date();
    const memberIds = [...new Set(records.flatMap((r) => (r.memberId ? [r.memberId] : [])))];
    const userIds = [...new Set(records.flatMap((r) => (!r.memberId && r.userId ? [r.userId] : [])))];
    const members = await this.teams.resolve(memberIds, userIds);
    const byId = new Map(members.map((m) => [m._id, m]));
    const byUser = new Map(members.filter((m) => m.dingtalkUserId).map((m) => [m.dingtalkUserId!, m]));
    const teams = new Map(
      (await this.teams.findTeams([...new Set(members.map((m) => m.teamId))])).map((t) => [t._id, t]),
    );
    lap('members');

    const matched: Array<{ checkIn: CheckIn; events: CloudEvent[] }> = [];
    const unmatched: UnmatchedCheckIn[] = [];
    for (const r of records) {
      const member = r.memberId ? byId.get(r.memberId) : byUser.get(r.userId!);
      const team = member && teams.get(member.teamId);
      const fields = recordFields(r, via, receivedAt);
      if (!member || !team) {
        unmatched.push({
          ...fields,
          ...codesOf(unit),
          memberId: r.memberId ?? null,
          reason: r.memberId ? 'unknown memberId' : 'unknown userId',
        });
        continue;
      }
      if (unit && !team.villageCode.startsWith(unit)) {
        unmatched.push({
          ...fields,
          ...codesOf(unit),
          memberId: member._id,
          reason: `member outside the client's org unit ${unit}`,
        });
        continue;
      }
      const org = orgOf(team);
      const checkIn: CheckIn = {
        ...fields,
        memberId: member._id,
        ...org,
        day: localDay(fields.checkTime),
        insideGeofence: isInside(fields, team.geofence),
      };
      const event = memberEvent(CheckInAcceptedV1.type, `checkin:${checkIn._id}`, member._id, org, {
        checkInId: checkIn._id,
        source: r.source,
        sourceRecordId: r.sourceRecordId,
        checkTime: checkIn.checkTime.toISOString(),
        day: checkIn.day,
        checkByUser: r.checkByUser,
        insideGeofence: checkIn.insideGeofence,
        deviceSN: checkIn.deviceSN,
      });
      matched.push({ checkIn, events: [event] });
    }

    lap('match');
    const [inserted] = await Promise.all([
      this.checkIns.insertNew(matched),
      this.checkIns.insertUnmatched(unmatched),
      // the batch's days in memory (loaded once per day; a no-op for a day loaded before)
      this.ledger.days(matched.map((m) => m.checkIn.day)),
    ]);
    const fresh = matched.filter((m) => inserted.has(m.checkIn._id)).map((m) => m.checkIn);
    lap('store check-ins');
    // Stored now, new or not: a batch redelivered after a crash between storing its check-ins and
    // writing their days finds them stored, and this is what writes those days. Every day the batch
    // names is judged; a day whose facts did not change is not written again.
    await this.ledger.addCheckIns(matched.map((m) => m.checkIn));
    await this.attendance.fromLedger(
      matched.map(({ checkIn: c }) => ({ memberId: c.memberId, day: c.day })),
      lap,
    );
    if (unmatched.length > 0)
      this.logger.warn(`${unmatched.length} check-in(s) from unknown users kept aside (via ${via})`);
    return {
      received: records.length,
      accepted: fresh.length,
      duplicates: matched.length - fresh.length,
      replays: fresh.filter((c) => !c.checkByUser).length,
      unmatched: unmatched.length,
    };
  }
}
