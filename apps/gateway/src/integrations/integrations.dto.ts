import { z } from 'zod';
import { OrgUnit } from '@lib/auth';

export const CreateIntegrationClientBody = z
  .object({ name: z.string().trim().min(1, '必填').max(64), unit: OrgUnit })
  .strict();
export type CreateIntegrationClientBody = z.infer<typeof CreateIntegrationClientBody>;

export const KeyId = z.string().regex(/^ik_[A-Za-z0-9_-]{16}$/, '须为接入密钥编号');
