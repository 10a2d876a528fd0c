import { z } from 'zod';

/** Why the clear value is needed (查看原因), kept in the audit entry of the read. */
export const RevealQuery = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, '填写时不能为空')
      .max(200, '最多 200 个字符')
      .optional()
      .describe('查看原因，记入审计'),
  })
  .strict();
export type RevealQuery = z.infer<typeof RevealQuery>;
