import { z } from 'zod';
import { LocalDay } from '../local-day';
import { TownCode, VillageCode, zhTypeError } from '@lib/contracts';

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '须为时刻，格式 HH:MM');
const Vertex = z
  .object({
    latitude: z.number(zhTypeError({ required: '必填' })).min(-90).max(90),
    longitude: z.number(zhTypeError({ required: '必填' })).min(-180).max(180),
  })
  .strict();

export const Geofence = z
  .object({
    latitude: z.number(zhTypeError({ required: '必填' })).min(-90).max(90),
    longitude: z.number(zhTypeError({ required: '必填' })).min(-180).max(180),
    radiusM: z.number(zhTypeError({ required: '必填' })).int().min(50, '不能小于 50 米').max(20_000),
    polygon: z
      .array(Vertex)
      .min(3, '至少 3 个顶点')
      .max(500, '最多 500 个顶点')
      .refine((vs) => new Set(vs.map((v) => `${v.latitude},${v.longitude}`)).size >= 3, {
        message: '至少 3 个不同的顶点',
      })
      .nullable()
      .optional()
      .describe('村界多边形 (the village outline; when given it decides inside instead of the radius)'),
  })
  .strict();

const WorkingHours = z
  .object({ start: Clock, end: Clock })
  .strict()
  .refine((w) => w.start < w.end, { message: '结束须晚于开始', path: ['end'] });

export const CreateTeamBody = z
  .object({
    name: z.string().trim().min(1, '必填').max(64),
    villageCode: VillageCode,
    sendingUnit: z.string().trim().min(1, '必填').max(128),
    geofence: Geofence,
    requiredDaysPerMonth: z.number().int().min(0).max(31).default(20),
    workingHours: WorkingHours.default({ start: '09:00', end: '18:00' }),
  })
  .strict();
export type CreateTeamBody = z.infer<typeof CreateTeamBody>;

export const UpdateTeamBody = z
  .object({
    name: z.string().trim().min(1).max(64),
    sendingUnit: z.string().trim().min(1).max(128),
    geofence: Geofence,
    requiredDaysPerMonth: z.number().int().min(0).max(31),
    workingHours: WorkingHours,
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateTeamBody = z.infer<typeof UpdateTeamBody>;

const DingTalkUserId = z.string().trim().min(1).max(64);

export const AddMemberBody = z
  .object({
    name: z.string().trim().min(1, '必填').max(32),
    role: z.enum(['first_secretary', 'member']),
    sendingUnit: z.string().trim().min(1, '必填').max(128),
    postedFrom: LocalDay,
    postedTo: LocalDay.nullable().default(null),
    dingtalkUserId: DingTalkUserId.nullable().default(null),
  })
  .strict()
  .refine((m) => m.postedTo === null || m.postedTo >= m.postedFrom, {
    message: '不能早于派驻开始日期',
    path: ['postedTo'],
  });
export type AddMemberBody = z.infer<typeof AddMemberBody>;

export const UpdateMemberBody = z
  .object({
    name: z.string().trim().min(1).max(32),
    role: z.enum(['first_secretary', 'member']),
    sendingUnit: z.string().trim().min(1).max(128),
    postedFrom: LocalDay,
    postedTo: LocalDay.nullable(),
    dingtalkUserId: DingTalkUserId.nullable(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

export const ListTeamsQuery = z
  .object({
    townCode: TownCode.optional(),
    villageCode: VillageCode.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListTeamsQuery = z.infer<typeof ListTeamsQuery>;

export const Id = z.string().uuid('须为编号（UUID）');
