import { z } from 'zod';
import { OrgUnit } from '@lib/auth';
import { PersonAddress } from './domain/person-contact';

export const UserId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, '须为用户编号');

export const ContactBody = PersonAddress.extend({
  name: z.string().trim().min(1).max(50).describe('姓名'),
  unit: OrgUnit.describe("the person's org unit (县 6, 乡镇 9 or 村 12 digits): who may manage the contact"),
})
  .strict()
  .refine((b) => b.phone || b.email, {
    message: '至少填写手机号或邮箱 (phone or email is required)',
    path: ['phone'],
  });
export type ContactBody = z.infer<typeof ContactBody>;

export const ListQuery = z
  .object({
    unit: OrgUnit.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
