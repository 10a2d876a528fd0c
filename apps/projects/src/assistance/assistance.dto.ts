import { z } from 'zod';
import {
  AssistanceLedger,
  AssistanceProduct,
  CollectiveIncomeSource,
  references,
  RelocationMode,
  StudyLevel,
  TownCode,
  VillageCode,
  yuan,
  zhTypeError,
} from '@lib/contracts';
import { ClientId, IsoDate } from '../dto';

/** A household of the registry in the caller's scope (else 400 naming the field). */
const HouseholdId = references(
  z.string(zhTypeError({ required: '必填' })).uuid('须为农户编号（UUID）'),
  'household',
  400,
);
const Text = (max: number) =>
  z
    .string(zhTypeError({ required: '必填' }))
    .trim()
    .min(1, '不能为空')
    .max(max);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '须为月份，格式 YYYY-MM');
const Year = z.coerce.number().int().min(2000, '须为 2000–2100 年').max(2100, '须为 2000–2100 年');

export const LedgerParam = AssistanceLedger;
export const RecordId = z.string().regex(/^[A-Za-z0-9._:-]{8,64}$/, '须为台账记录编号');

/** The record of each ledger (POST /api/v1/assistance/:ledger). `recordId`: client-chosen, a retry records once. */
export const CreateBodies = {
  public_welfare_job: z
    .object({
      recordId: ClientId.optional(),
      householdId: HouseholdId,
      memberName: Text(40).describe('在岗成员'),
      postName: Text(60).describe('岗位名称（保洁员、护林员、水管员…）'),
      employer: Text(60).describe('用工单位'),
      monthlyWage: yuan({ above: 0, max: 10000 }).describe('月工资（元）'),
      startedOn: IsoDate,
    })
    .strict(),
  microcredit: z
    .object({
      recordId: ClientId.optional(),
      householdId: HouseholdId,
      memberName: Text(40).describe('借款人'),
      bank: Text(60).describe('放款银行'),
      accountNumber: z
        .string()
        .regex(/^\d{12,19}$/, '须为 12–19 位银行账号')
        .optional()
        .describe('还款账号（只保存脱敏后的形式）'),
      amount: yuan({ above: 0, max: 500000 }).describe('贷款金额（元）'),
      termMonths: z.number().int().min(1, '至少 1 个月').max(60, '最长 60 个月'),
      annualRate: z.number().min(0).max(0.2).describe('年利率（0.0435 = 4.35%）'),
      interestSubsidy: yuan({ min: 0 }).describe('财政贴息（元）'),
      grantedOn: IsoDate,
      schedule: z
        .array(z.object({ dueOn: IsoDate, amount: yuan({ above: 0 }) }).strict())
        .max(60)
        .optional()
        .describe('还款计划；不填则到期一次还清'),
    })
    .strict(),
  education_subsidy: z
    .object({
      recordId: ClientId.optional(),
      householdId: HouseholdId,
      memberName: Text(40).describe('学生'),
      school: Text(80),
      level: StudyLevel,
      enrolYear: Year,
    })
    .strict(),
  relocation: z
    .object({
      recordId: ClientId.optional(),
      householdId: HouseholdId,
      site: Text(80).describe('安置点'),
      mode: RelocationMode,
      relocatedOn: IsoDate,
      labourCount: z.number().int().min(0).max(20).describe('劳动力人数'),
    })
    .strict(),
  consumption: z
    .object({
      recordId: ClientId.optional(),
      householdId: HouseholdId,
      buyerUnit: Text(80).describe('采购单位'),
      product: AssistanceProduct,
      quantity: z.number().positive('须大于 0').max(1_000_000),
      unit: Text(10).describe('计量单位（斤、只、公斤…）'),
      amount: yuan({ above: 0, max: 1_000_000 }),
      purchasedOn: IsoDate,
    })
    .strict(),
  collective_economy: z
    .object({
      recordId: ClientId.optional(),
      villageCode: references(VillageCode, 'village', 400),
      year: Year,
      source: CollectiveIncomeSource,
      amount: yuan({ above: 0 }),
      note: z.string().trim().max(200).nullable().default(null),
    })
    .strict(),
} as const;

/** An entry on a record (POST /api/v1/assistance/:ledger/:id/entries). `entryId`: client-chosen, a retry records once. */
export const EntryBodies = {
  public_welfare_job: z
    .object({
      entryId: ClientId.optional(),
      kind: z.literal('wage'),
      fromMonth: Month,
      months: z.number().int().min(1, '至少 1 个月').max(12, '一次最多 12 个月'),
      paidOn: IsoDate,
    })
    .strict(),
  microcredit: z
    .object({
      entryId: ClientId.optional(),
      kind: z.literal('repayment'),
      dueOn: IsoDate,
      paidOn: IsoDate,
    })
    .strict(),
  education_subsidy: z
    .object({
      entryId: ClientId.optional(),
      kind: z.literal('subsidy'),
      term: Text(20).describe('学期（2026春季…）'),
      amount: yuan({ above: 0, max: 10000 }),
      paidOn: IsoDate,
    })
    .strict(),
  relocation: z.discriminatedUnion('kind', [
    z
      .object({
        entryId: ClientId.optional(),
        kind: z.literal('employment'),
        memberName: Text(40),
        employer: Text(80).describe('就业单位 / 去向'),
        since: IsoDate,
        endedOn: IsoDate.nullable().default(null),
      })
      .strict(),
    z
      .object({
        entryId: ClientId.optional(),
        kind: z.literal('visit'),
        visitedOn: IsoDate,
        visitor: Text(40),
        note: Text(500),
      })
      .strict(),
  ]),
  consumption: z.never(),
  collective_economy: z
    .object({
      entryId: ClientId.optional(),
      kind: z.literal('distribution'),
      householdId: HouseholdId,
      amount: yuan({ above: 0 }),
      paidOn: IsoDate,
    })
    .strict(),
} as const;

export type CreateBody<L extends AssistanceLedger = AssistanceLedger> = z.infer<(typeof CreateBodies)[L]>;
export type EntryBody<L extends AssistanceLedger = AssistanceLedger> = z.infer<(typeof EntryBodies)[L]>;

export const ListQuery = z
  .object({
    householdId: z.string().uuid('须为农户编号（UUID）').optional(),
    townCode: TownCode.optional(),
    villageCode: VillageCode.optional(),
    year: Year.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListQuery = z.infer<typeof ListQuery>;
