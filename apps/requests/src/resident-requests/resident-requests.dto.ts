import { z } from 'zod';
import {
  MobilePhone,
  ResidentRequestCategory,
  ResidentRequestRating,
  ResidentRequestStatus,
  TownCode,
  VillageCode,
} from '@lib/contracts';
import { Paging } from '@lib/service-kit';

export const RequestId = z.uuid('须为诉求编号（UUID）');

/** 干部代为登记: a cadre takes a request in on a resident's behalf. */
export const ReceiveRequestBody = z.strictObject({
  name: z.string().trim().min(1, '请填写群众姓名').max(20, '姓名最多 20 个字'),
  phone: MobilePhone,
  villageCode: VillageCode,
  category: ResidentRequestCategory,
  content: z.string().trim().min(5, '请至少用 5 个字说明诉求').max(1000, '诉求内容最多 1000 个字'),
});
export type ReceiveRequestBody = z.infer<typeof ReceiveRequestBody>;

export const AssignBody = z.strictObject({
  assigneeUserId: z.string().trim().min(1, '请选择承办人').max(100),
  assigneeName: z.string().trim().min(1, '请填写承办人姓名').max(20),
});
export type AssignBody = z.infer<typeof AssignBody>;

export const ConcludeBody = z.strictObject({
  answer: z.string().trim().min(2, '请填写办理结果').max(1000, '办理结果最多 1000 个字'),
});
export type ConcludeBody = z.infer<typeof ConcludeBody>;

export const RateBody = z.strictObject({
  rating: ResidentRequestRating,
  note: z.string().trim().max(500, '回访记录最多 500 个字').optional(),
});
export type RateBody = z.infer<typeof RateBody>;

export const ListRequestsQuery = Paging.extend({
  status: ResidentRequestStatus.optional(),
  category: ResidentRequestCategory.optional(),
  villageCode: VillageCode.optional(),
  townCode: TownCode.optional(),
  /** `me`: the caller's own (我的待办). */
  assignee: z.string().min(1).max(100).optional(),
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ListRequestsQuery = z.infer<typeof ListRequestsQuery>;

export const StatisticsQuery = z.object({
  townCode: TownCode.optional(),
  villageCode: VillageCode.optional(),
});
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

export const PhoneReadQuery = z.object({
  reason: z.string().trim().min(2, '请填写查看原因').max(200),
});
