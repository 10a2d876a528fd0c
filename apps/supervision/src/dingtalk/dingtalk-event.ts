import { z } from 'zod';
import { CheckInRecord } from '@lib/contracts';

/**
 * One record of DingTalk's `attendance_check_record` event (考勤打卡事件), as DingTalk sends it:
 * checkTime in epoch milliseconds, group and business ids, checkByUser=false for system replays.
 */
export const DingTalkCheckRecord = z
  .object({
    userId: z.string().min(1).max(64),
    checkTime: z.number().int().positive(),
    bizId: z.string().max(128).optional(),
    corpId: z.string().optional(),
    groupId: z.union([z.number(), z.string()]).optional(),
    address: z.string().max(256).optional(),
    latitude: z.number().optional(),
    longitude: z.number().optional(),
    locationResult: z.string().max(32).optional(),
    locationMethod: z.string().max(32).optional(),
    deviceSN: z.string().max(128).optional(),
    deviceId: z.string().max(128).optional(),
    checkByUser: z.boolean().optional(),
  })
  .passthrough();
export type DingTalkCheckRecord = z.infer<typeof DingTalkCheckRecord>;

export const DingTalkEvent = z
  .object({ EventType: z.string().min(1), DataList: z.array(z.unknown()).max(500).optional() })
  .passthrough();

/** Our record for a DingTalk one; the source record id is its bizId, else user + time (unique per user). */
export function toCheckInRecord(d: DingTalkCheckRecord): z.input<typeof CheckInRecord> {
  return {
    source: 'dingtalk',
    sourceRecordId: d.bizId ?? `${d.userId}:${d.checkTime}`,
    userId: d.userId,
    checkTime: new Date(d.checkTime).toISOString(),
    ...(d.latitude !== undefined && d.longitude !== undefined
      ? { latitude: d.latitude, longitude: d.longitude }
      : {}),
    ...(d.address !== undefined ? { address: d.address } : {}),
    ...(d.locationResult !== undefined ? { locationResult: d.locationResult } : {}),
    ...(d.locationMethod !== undefined ? { locationMethod: d.locationMethod } : {}),
    ...(d.deviceSN !== undefined ? { deviceSN: d.deviceSN } : {}),
    ...(d.deviceId !== undefined ? { deviceId: d.deviceId } : {}),
    ...(d.groupId !== undefined ? { groupId: String(d.groupId) } : {}),
    ...(d.bizId !== undefined ? { bizId: d.bizId } : {}),
    checkByUser: d.checkByUser ?? true,
  };
}
