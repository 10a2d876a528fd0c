import { z } from 'zod';
import { CareGroup, MeasureType } from '@lib/contracts';
import { isoDate } from '../households/households.dto';

const person = z
  .object({ userId: z.string().trim().min(1).max(64).optional(), name: z.string().trim().min(1).max(64) })
  .strict();

/** 一户一策: one measure of the household's plan. */
export const PlanMeasureBody = z
  .object({
    type: MeasureType.describe('帮扶措施类型'),
    content: z.string().trim().min(1, '必填').max(500).describe('措施内容'),
    responsible: person.describe('责任人'),
    startOn: isoDate,
    dueOn: isoDate,
  })
  .strict()
  .refine((b) => b.dueOn >= b.startOn, { path: ['dueOn'], message: '不能早于开始日期 (before startOn)' });
export type PlanMeasureBody = z.infer<typeof PlanMeasureBody>;

export const CompleteMeasureBody = z
  .object({ completedOn: isoDate, result: z.string().trim().max(500).optional() })
  .strict();
export type CompleteMeasureBody = z.infer<typeof CompleteMeasureBody>;

/** 关爱结对: a cared-for member and the carer. */
export const CarePairingBody = z
  .object({
    memberId: z.string().uuid('须为队员编号（UUID）'),
    group: CareGroup,
    carer: person,
    since: isoDate,
  })
  .strict();
export type CarePairingBody = z.infer<typeof CarePairingBody>;

export const CareVisitBody = z
  .object({ visitedOn: isoDate, notes: z.string().trim().max(1000).optional() })
  .strict();
export type CareVisitBody = z.infer<typeof CareVisitBody>;

/** 易地扶贫搬迁: 分散 / 集中安置. */
export const RelocationBody = z
  .object({
    mode: z.enum(['scattered', 'concentrated']).describe('分散安置 / 集中安置'),
    site: z.string().trim().min(1).max(128).describe('安置点或迁入地'),
    movedOn: isoDate,
    notes: z.string().trim().max(500).optional(),
  })
  .strict();
export type RelocationBody = z.infer<typeof RelocationBody>;
