import { z } from 'zod';
import { refuses } from './refusals';
import { zhTypeError } from './zod-zh';

/** Shared vocabulary of the domain. See docs/domain.md. */

/** 户类型: 脱贫户 / 一般农户 */
export const HouseholdType = z.enum(['lifted_out_of_poverty', 'ordinary']);
export type HouseholdType = z.infer<typeof HouseholdType>;

/** 监测对象类别: 脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户 */
export const MonitoringCategory = z.enum(['unstable_lifted', 'marginal_at_risk', 'sudden_hardship']);
export type MonitoringCategory = z.infer<typeof MonitoringCategory>;

export const Sex = z.enum(['male', 'female']);

/** 与户主关系 */
export const Relation = z.enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other']);

/** 劳动技能: 普通 / 技能 / 弱或半劳动力 / 丧失劳动力 / 无劳动力 */
export const LabourSkill = z.enum(['ordinary', 'skilled', 'weak', 'lost', 'none']);

/**
 * Org units use the national statistical division codes (统计用区划代码):
 * province 2 digits, county 6, town 9, village 12. The codes nest, so a village code names its town,
 * county and province.
 */
export const ProvinceCode = z.string().regex(/^\d{2}$/, '须为 2 位省代码');
export const CountyCode = z.string().regex(/^\d{6}$/, '须为 6 位县代码');
export const TownCode = z.string().regex(/^\d{9}$/, '须为 9 位乡镇代码');
export const VillageCode = z.string().regex(/^\d{12}$/, '须为 12 位村代码');

export function orgUnitsOfVillage(villageCode: string) {
  return {
    provinceCode: villageCode.slice(0, 2),
    countyCode: villageCode.slice(0, 6),
    townCode: villageCode.slice(0, 9),
    villageCode,
  };
}

/**
 * At most two decimals, up to the float's own rounding: 1234567890.12 × 100 is off by about 1e-5 (more than
 * a fixed epsilon), 0.1 + 0.2 by 4e-15; the tolerance grows with the magnitude, a thousandth of a fen stays out.
 */
const twoDecimals = (v: number) => {
  const fen = v * 100;
  return Math.abs(Math.round(fen) - fen) < Math.max(1e-6, 8 * Number.EPSILON * Math.abs(fen));
};

/** Money in yuan with at most two decimals (fen). */
export const Yuan = z
  .number(zhTypeError({ invalidType: '须为金额（元）' }))
  .finite()
  .refine(twoDecimals, '最多两位小数')
  // the API descriptions say it too (the refinement above is what JSON Schema cannot carry)
  .meta({ multipleOf: 0.01 });

/**
 * Money in yuan with bounds the API descriptions show (minimum / exclusiveMinimum / maximum), e.g.
 * `yuan({ min: 0 })` for an income component, `yuan({ above: 0 })` for a payment.
 */
export function yuan(bounds: { min?: number; above?: number; max?: number } = {}) {
  let n = z.number(zhTypeError({ invalidType: '须为金额（元）' })).finite();
  if (bounds.min !== undefined)
    n = n.min(bounds.min, bounds.min === 0 ? '不能为负数' : `不能小于 ${bounds.min}`);
  if (bounds.above !== undefined) n = n.gt(bounds.above, `须大于 ${bounds.above}`);
  if (bounds.max !== undefined) n = n.max(bounds.max, `不能大于 ${bounds.max}`);
  return n.refine(twoDecimals, '最多两位小数').meta({ multipleOf: 0.01 });
}

/** Survey month, YYYY-MM. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '须为月份，格式 YYYY-MM');

/** True for a YYYY-MM-DD day that exists (2026-02-30 does not: Date.parse would roll it to March 2). */
export function isRealDay(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** Today in China time (the day people in the county mean), YYYY-MM-DD. */
export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A day that happened: YYYY-MM-DD, real, not after today (China time). */
export const PastDay = refuses(
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD')
    .superRefine((s, ctx) => {
      if (!isRealDay(s)) ctx.addIssue({ code: 'custom', message: '须为真实存在的日期' });
      else if (s > chinaToday()) ctx.addIssue({ code: 'custom', message: '不能晚于今天' });
    }),
  { field: '', rule: '须为真实存在的日期，且不能晚于今天（中国时间） (a real day, not after today)' },
);

export const Severity = z.enum(['low', 'medium', 'high']);
export type Severity = z.infer<typeof Severity>;

/** How a household benefits from an industry project (产业帮扶 利益联结). */
export const ProjectBenefitKind = z.enum(['dividend', 'wage', 'land_lease', 'produce_purchase']);
export type ProjectBenefitKind = z.infer<typeof ProjectBenefitKind>;

/** Income components of the survey (see domain.md: per-capita net income). */
export type IncomeComponent = 'wage' | 'business' | 'property' | 'transfer';

/**
 * Which income component a project payment counts as: dividends (分红) and land rent (土地流转) are
 * property income, wages (务工) wage income, produce bought from the household business income.
 */
export function incomeComponentOfBenefit(kind: ProjectBenefitKind): IncomeComponent {
  switch (kind) {
    case 'dividend':
    case 'land_lease':
      return 'property';
    case 'wage':
      return 'wage';
    case 'produce_purchase':
      return 'business';
  }
}
