import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { TownCode, VillageCode, Yuan } from '../../domain';
import { Topics } from '../../topics';

/** Departments that push facts (部门筛查预警). */
export const Department = z.enum([
  'medical_insurance', // 医保
  'education', // 教育
  'emergency', // 应急管理
  'civil_affairs', // 民政
  'disabled_persons_federation', // 残联
  'health', // 卫健
  'housing', // 住建
  'water', // 水利
  'public_security', // 公安
]);
export type Department = z.infer<typeof Department>;

/** Kinds of fact a department pushes. */
export const DepartmentFactKind = z.enum([
  'medical_out_of_pocket', // 医疗自付费用 (after reimbursement); amount = yuan, period = year or stay
  'serious_illness_diagnosed', // 新增大病患者
  'disaster_report', // 灾情; detail.subType
  'school_dropout', // 辍学
  'schooling_cost', // 教育支出; amount = yuan
  'disability_certified', // 残疾认定
  'subsistence_allowance_changed', // 低保/特困 变动
  'other',
]);
export type DepartmentFactKind = z.infer<typeof DepartmentFactKind>;

/**
 * A department's fact matched to a household of the registry by ID-number hash (or household id).
 * Unmatched facts are kept by monitoring and reported, not published here. Subject: householdId.
 */
export const DepartmentFactReceivedV1 = defineEvent({
  type: 'department-fact.received.v1',
  topic: Topics.monitoring,
  key: 'subject',
  schema: z.object({
    factId: z.string().min(1),
    department: Department,
    kind: DepartmentFactKind,
    householdId: z.string().min(1),
    memberId: z.string().min(1).nullable(),
    townCode: TownCode,
    villageCode: VillageCode,
    /** yuan, when the fact is an amount */
    amount: Yuan.nullable(),
    /** When it happened (date), and the period an amount covers, e.g. 2026 or 2026-03. */
    occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    period: z.string().min(4).nullable(),
    /** 单次住院 (single stay) or 年度累计 (year) for medical amounts. */
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    receivedAt: z.iso.datetime({ offset: true }),
  }),
});
export type DepartmentFactReceivedV1 = EventOf<typeof DepartmentFactReceivedV1>;
