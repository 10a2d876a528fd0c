import { z } from 'zod';
import { OrgUnit, Role } from '@lib/auth';

const HumanRole = Role.exclude(['service']);

export const RoleGrants = z
  .array(z.object({ role: HumanRole, unit: OrgUnit }).strict())
  .min(1, '至少授予一个角色')
  .max(50);

export const CreateUserBody = z
  .object({
    username: z.string().regex(/^[a-zA-Z0-9._-]{3,64}$/, '须为 3–64 位字母、数字或 . _ -'),
    displayName: z.string().trim().min(1, '必填').max(64, '最多 64 个字'),
    password: z.string().min(10, '密码至少 10 位').max(200),
    roles: RoleGrants,
  })
  .strict();
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({ roles: RoleGrants.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => b.roles !== undefined || b.disabled !== undefined, 'nothing to change');
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ListUsersQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

/** `?ids=…&ids=…` (or one comma-separated value): the users whose names a page shows. */
export const UserNamesQuery = z
  .object({
    ids: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(',') : v),
      z.array(z.string().uuid('须为用户编号（UUID）')).min(1, '至少一个用户编号').max(100, '最多 100 个'),
    ),
  })
  .strict();
