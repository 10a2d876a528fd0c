import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

/** 驻村考勤异常类型: 早晚打卡、白天不见人 / 走读 / 缺勤 / 代打卡(设备被他人使用). */
export const AttendancePattern = z.enum([
  'morning_evening_only',
  'commuting',
  'missing_day',
  'shared_device',
]);
export type AttendancePattern = z.infer<typeof AttendancePattern>;

/** Whose day: the member, their team and its org units, the local day. */
export const AttendanceSubject = z.object({
  memberId: z.string().min(1),
  teamId: z.string().min(1),
  townCode: TownCode,
  villageCode: VillageCode,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** A member's attendance day (考勤日) was computed or changed. Subject: memberId. */
export const AttendanceDayComputedV1 = defineEvent({
  type: 'attendance.day-computed.v1',
  topic: Topics.supervision,
  key: 'subject',
  schema: AttendanceSubject.extend({
    workingDay: z.boolean(),
    posted: z.boolean(),
    onPost: z.boolean(),
    insideGeofence: z.boolean(),
    daytimeActivity: z.boolean(),
    firstSeen: z.iso.datetime({ offset: true }).nullable(),
    lastSeen: z.iso.datetime({ offset: true }).nullable(),
    presenceCount: z.number().int().nonnegative(),
    replayCount: z.number().int().nonnegative(),
    flags: z.array(AttendancePattern),
    /** An approved leave (请假) or official business (公出) covered the day. */
    excused: z.enum(['leave', 'official_business']).nullable().optional(),
  }),
});
export type AttendanceDayComputedV1 = EventOf<typeof AttendanceDayComputedV1>;
