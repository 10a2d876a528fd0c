import { z } from 'zod';
import { isRealDay, zhTypeError } from '@lib/contracts';

/** The input pieces every feature of projects validates the same way (zod). */

/** A calendar day, YYYY-MM-DD (2026-02-30 refused). */
export const IsoDate = z
  .string(zhTypeError({ required: '必填' }))
  .regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD')
  .refine(isRealDay, '不是日历上的日期');

/** The project of a path (`/projects/:id/...`). */
export const ProjectId = z.string().uuid('须为项目编号（UUID）');

/** One page of a list. */
export const PageQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

/** Ids clients may choose (a UUID or any 8-64 safe characters): a retry with the same id changes nothing. */
export const ClientId = z.string().regex(/^[A-Za-z0-9._:-]{8,64}$/, '须为 8–64 位字母、数字或 . _ : -');
