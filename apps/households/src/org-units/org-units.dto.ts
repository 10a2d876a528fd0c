import { z } from 'zod';
import { GeoBoundary, GeoCentre, refusals } from '@lib/contracts';

/** A unit code: county (6 digits), town (9), village (12) or group (14). */
export const UnitCode = z.string().regex(/^(\d{6}|\d{9}|\d{12}|\d{14})$/, '须为单位代码');

export const RegisterOrgUnitBody = z
  .object({
    code: z
      .string()
      .regex(/^(\d{6}|\d{9}|\d{12}|\d{14})$/, '须为县（6 位）、乡镇（9 位）、村（12 位）或组（14 位）代码'),
    name: z.string().trim().min(1, '必填').max(64),
    boundary: GeoBoundary.optional(),
    centre: GeoCentre.optional(),
  })
  .strict()
  .meta(refusals({ field: 'code', rule: '须在调用者的管辖范围内 (within your scope)' }));
export type RegisterOrgUnitBody = z.infer<typeof RegisterOrgUnitBody>;
