import { Injectable } from '@nestjs/common';
import { CheckInRecord } from '@lib/contracts';
import { ReceivedVia, UnmatchedCheckIn } from '../../checkins/check-in.schema';
import { CheckInsStore } from '../../checkins/checkins.store';
import { AttachCheckInsOfUser } from '../../teams/teams.ports';
import { IngestCheckIns } from './ingest-check-ins.usecase';

/** The record as it was received, from what was kept aside. */
function recordOf(u: UnmatchedCheckIn, memberId: string): CheckInRecord {
  return {
    source: u.source,
    sourceRecordId: u.sourceRecordId,
    memberId,
    ...(u.userId ? { userId: u.userId } : {}),
    checkTime: new Date(u.checkTime).toISOString(),
    ...(u.latitude !== null && u.longitude !== null ? { latitude: u.latitude, longitude: u.longitude } : {}),
    ...(u.address ? { address: u.address } : {}),
    ...(u.locationResult ? { locationResult: u.locationResult } : {}),
    ...(u.locationMethod ? { locationMethod: u.locationMethod } : {}),
    ...(u.deviceSN ? { deviceSN: u.deviceSN } : {}),
    ...(u.deviceId ? { deviceId: u.deviceId } : {}),
    checkByUser: u.checkByUser,
  } as CheckInRecord;
}

/**
 * 未匹配打卡补录: when a member's DingTalk user id is mapped (on adding or updating the member), the
 * check-ins kept aside for that user go through the pipeline as the member's (stored, days judged,
 * events announced) and leave the unmatched list. Safe to repeat: a record already stored is a
 * duplicate. (A member id is made at creation, so nothing can have been sent for it before.)
 */
@Injectable()
export class AttachUnmatchedCheckIns implements AttachCheckInsOfUser {
  constructor(
    private readonly checkIns: CheckInsStore,
    private readonly ingest: IngestCheckIns,
  ) {}

  async execute(memberId: string, dingtalkUserId: string): Promise<number> {
    const kept = await this.checkIns.unmatchedOfUser(dingtalkUserId);
    if (kept.length === 0) return 0;
    let attached = 0;
    for (const via of new Set(kept.map((u) => u.receivedVia))) {
      const group = kept.filter((u) => u.receivedVia === via);
      const result = await this.ingest.execute(
        group.map((u) => recordOf(u, memberId)),
        via as ReceivedVia,
      );
      attached += result.accepted + result.duplicates;
    }
    await this.checkIns.dropUnmatched(kept.map((u) => u._id));
    return attached;
  }
}
