import { z } from 'zod';
import { Paging } from '@lib/service-kit';

export const ListAuditQuery = Paging.extend({
  actorId: z.string().uuid().optional(),
  actorName: z.string().min(1).max(64).optional(),
  recordId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, '须为记录编号')
    .optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  /** The resource of /api/v1/<resource>/… (households, surveys, users …). */
  resource: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a resource name such as households')
    .optional(),
  /** Entries whose path starts with this (/api/v1/households/…). */
  path: z
    .string()
    .regex(/^\/[\w./%-]{0,255}$/, 'must be a path starting with /')
    .optional(),
  status: z.coerce
    .number()
    .int()
    .min(100, 'must be an HTTP status')
    .max(599, 'must be an HTTP status')
    .optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
}).strict();
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;
