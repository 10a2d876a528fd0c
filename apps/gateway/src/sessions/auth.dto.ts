import { z } from 'zod';

export const LoginBody = z
  .object({
    username: z.string().min(1, '必填').max(64),
    password: z.string().min(1, '必填').max(200),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const RefreshBody = z
  .object({ refreshToken: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '须为刷新令牌') })
  .strict();
export type RefreshBody = z.infer<typeof RefreshBody>;
