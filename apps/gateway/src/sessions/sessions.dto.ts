import { z } from 'zod';

export const LoginBody = z
  .object({
    // a NUL byte reaches no user (and PostgreSQL under FerretDB refuses it: 500 before this, found by the fuzzer)
    username: z
      .string()
      .min(1, '必填')
      .max(64)
      .refine((s) => !s.includes('\u0000'), '不能含空字符 (no NUL bytes)'),
    password: z.string().min(1, '必填').max(200),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const RefreshBody = z
  .object({ refreshToken: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '须为刷新令牌') })
  .strict();
export type RefreshBody = z.infer<typeof RefreshBody>;
