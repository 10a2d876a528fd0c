import { z } from 'zod';
import { references } from './refusals';
import { zhTypeError } from './zod-zh';

/**
 * 驻村工作日志: the body of POST /api/v1/worklogs. The supervision app validates with it and the
 * console's offline work log validates with the very same schema (bundled from source). Pure zod:
 * this file is loaded in the browser.
 */
export const RecordWorkLogBody = z
  .object({
    /**
     * 日志编号 chosen by the recording device (the phone's offline queue): the same id recorded again
     * answers the log already stored, so a retried upload never doubles.
     */
    id: z.string().uuid('须为日志编号（UUID）').optional(),
    memberId: references(
      z.string(zhTypeError({ required: '必填' })).uuid('须为队员编号（UUID）'),
      'team member',
      400,
    ),
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
