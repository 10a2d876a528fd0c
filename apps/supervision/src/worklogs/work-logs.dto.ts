import { z } from 'zod';
import { zhTypeError } from '@lib/contracts';
import { LocalDay } from '../local-day';

export const RecordWorkLogBody = z
  .object({
    memberId: z.string(zhTypeError({ required: '必填' })).uuid('须为队员编号（UUID）'),
    at: z
      .string(zhTypeError({ required: '必填' }))
      .datetime({ offset: true, message: '须为带时区的时间（ISO 8601）' })
      .refine((s) => Date.parse(s) <= Date.now() + 5 * 60_000, '不能晚于今天'),
    content: z.string().trim().min(1, '必填').max(4_000),
    place: z
      .object({
        address: z.string().trim().max(256).nullable().default(null),
        latitude: z.number().min(-90).max(90).nullable().default(null),
        longitude: z.number().min(-180).max(180).nullable().default(null),
      })
      .strict()
      .refine((p) => (p.latitude === null) === (p.longitude === null), {
        message: 'latitude and longitude go together',
        path: ['longitude'],
      })
      // parsed like a given {}: the fields' own defaults (null) fill it
      .prefault({}),
    photos: z
      .array(
        z
          .object({
            ref: z.string().trim().min(1).max(512),
            caption: z.string().max(256).nullable().default(null),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();
export type RecordWorkLogBody = z.infer<typeof RecordWorkLogBody>;

export const ListWorkLogsQuery = z
  .object({
    memberId: z.string().uuid('须为队员编号（UUID）').optional(),
    teamId: z.string().uuid('须为工作队编号（UUID）').optional(),
    day: LocalDay.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListWorkLogsQuery = z.infer<typeof ListWorkLogsQuery>;
