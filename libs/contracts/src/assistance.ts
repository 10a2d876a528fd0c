import { z } from 'zod';

/**
 * 帮扶台账 (assistance ledgers, issue 19): 公益岗位, 小额信贷, 雨露计划, 易地搬迁后续扶持, 消费帮扶, 村集体经济.
 * Kept by the projects app (apps/projects/src/assistance); their income reaches monitoring's 收入台账
 * through assistance.income-paid.v1.
 */
export const AssistanceLedger = z.enum([
  'public_welfare_job',
  'microcredit',
  'education_subsidy',
  'relocation',
  'consumption',
  'collective_economy',
]);
export type AssistanceLedger = z.infer<typeof AssistanceLedger>;

/** 学段 (雨露计划) */
export const StudyLevel = z.enum(['secondary_vocational', 'higher_vocational', 'technician', 'undergraduate']);
/** 安置方式 (易地搬迁) */
export const RelocationMode = z.enum(['centralized', 'scattered']);
/** 消费帮扶 products the seed's e-commerce centre sells, and others. */
export const AssistanceProduct = z.enum([
  'cold_water_fish',
  'honey',
  'morel',
  'stropharia',
  'free_range_chicken',
  'other',
]);
/** 村集体经济收入来源 */
export const CollectiveIncomeSource = z.enum([
  'asset_lease',
  'industry_dividend',
  'service',
  'resource_contract',
  'other',
]);
