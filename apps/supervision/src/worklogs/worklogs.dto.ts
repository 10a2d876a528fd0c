import { z } from 'zod';
import { LocalDay } from '../local-day';

// the body lives in libs/contracts: the console's offline work log (外业) validates with the same schema
export { RecordWorkLogBody } from '@lib/contracts';

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
