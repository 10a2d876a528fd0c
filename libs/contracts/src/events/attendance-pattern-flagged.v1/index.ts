import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { AttendancePattern, AttendanceSubject } from '../attendance-day-computed.v1';

/** A pattern to act on was found on a member's day (announced once per member, day and pattern). Subject: memberId. */
export const AttendancePatternFlaggedV1 = defineEvent({
  type: 'attendance.pattern-flagged.v1',
  topic: Topics.supervision,
  key: 'subject',
  schema: AttendanceSubject.extend({
    pattern: AttendancePattern,
    /** Chinese-first explanation for people. */
    detail: z.string().min(1),
    /** shared_device: the device and the other members seen on it that day. */
    deviceSN: z.string().optional(),
    otherMemberIds: z.array(z.string()).optional(),
  }),
});
export type AttendancePatternFlaggedV1 = EventOf<typeof AttendancePatternFlaggedV1>;
