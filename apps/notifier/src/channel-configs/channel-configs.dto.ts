import { z } from 'zod';
import { OrgUnit } from '@lib/auth';
import { ChannelTarget } from './channel-target';

export const ChannelBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    unit: OrgUnit,
    roles: z.array(z.string().min(1).max(50)).max(20).default([]),
    enabled: z.boolean().default(true),
    target: ChannelTarget,
  })
  .strict();
export type ChannelBody = z.infer<typeof ChannelBody>;

export const ListQuery = z
  .object({
    unit: OrgUnit.optional(),
    kind: z.string().max(30).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export const ChannelId = z.string().uuid('须为推送渠道编号');
