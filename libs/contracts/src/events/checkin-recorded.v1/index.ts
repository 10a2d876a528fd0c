import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';

/**
 * One raw check-in (打卡记录) as integrations send it: DingTalk (钉钉考勤), GPS terminals, our own app.
 * The same record is accepted on the raw topic, by the signed JSON endpoint and (mapped) from DingTalk.
 * Documented for integrators in apps/supervision/README.md. Unknown fields are dropped, not refused:
 * the schema evolves by adding optional fields.
 */
export const CheckInRecord = z
  .object({
    /** Which system produced the record: `dingtalk`, `gps-terminal`, `app`, … */
    source: z.string().regex(/^[a-z0-9_-]{1,32}$/, '须为 1–32 位小写字母、数字、_ 或 -'),
    /** The record's id in its source; (source, sourceRecordId) identifies it, a repeat is a duplicate. */
    sourceRecordId: z.string().min(1).max(128),
    /** Our team-member id, when the source knows it. */
    memberId: z.string().min(1).max(64).optional(),
    /** The source's own user id (DingTalk userId), mapped to a member by the team roster. */
    userId: z.string().min(1).max(64).optional(),
    /** When the person checked in: ISO 8601 with an offset. */
    checkTime: z.string().datetime({ offset: true, message: '须为带时区的时间（ISO 8601）' }),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    address: z.string().max(256).optional(),
    /** The source's own verdict on the place: DingTalk Normal / Outside / NotSigned. */
    locationResult: z.string().max(32).optional(),
    /** How the place was found: MAP, WIFI, ATM (考勤机), BEACON, GPS, … */
    locationMethod: z.string().max(32).optional(),
    deviceSN: z.string().max(128).optional(),
    deviceId: z.string().max(128).optional(),
    /** false = a system replay (补卡/同步), kept but not counted as presence. */
    checkByUser: z.boolean().default(true),
    groupId: z.string().max(64).optional(),
    bizId: z.string().max(128).optional(),
  })
  .refine((r) => r.memberId !== undefined || r.userId !== undefined, {
    message: 'memberId or userId is required',
    path: ['userId'],
  })
  .refine((r) => (r.latitude === undefined) === (r.longitude === undefined), {
    message: 'latitude and longitude go together',
    path: ['longitude'],
  });
export type CheckInRecord = z.infer<typeof CheckInRecord>;

/**
 * A raw check-in on `supervision.checkins.v1`, produced by integrations directly.
 * Subject: the source user id or member id (so one person's records stay in order). Id: unique per record.
 */
export const CheckInRecordedV1 = defineEvent({
  type: 'checkin.recorded.v1',
  topic: Topics.supervisionCheckins,
  key: 'subject',
  schema: CheckInRecord,
});
export type CheckInRecordedV1 = EventOf<typeof CheckInRecordedV1>;
