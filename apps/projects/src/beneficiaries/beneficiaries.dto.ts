import { z } from 'zod';
import { ProjectBenefitKind, refusals, zhTypeError } from '@lib/contracts';
import { IsoDate } from '../dto';

export const LinkBeneficiaryBody = z
  .object({
    householdId: z.string(zhTypeError({ required: '必填' })).uuid('须为农户编号（UUID）'),
    kind: ProjectBenefitKind.describe(
      'dividend 分红 / wage 务工 / land_lease 土地流转 / produce_purchase 农产品收购',
    ),
    sharePercent: z
      .number()
      .gt(0, '须大于 0')
      .max(100, '不能大于 100')
      .nullable()
      .default(null)
      .describe('分红比例 in percent (dividends)'),
    details: z.string().trim().max(500).nullable().default(null).describe('e.g. 流转土地3亩, 养殖场务工'),
    startsOn: IsoDate,
    endsOn: IsoDate.nullable().default(null),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.endsOn !== null && b.endsOn < b.startsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['endsOn'],
        message: '不能早于开始日期 (must not be before startsOn)',
      });
    if (b.sharePercent !== null && b.kind !== 'dividend')
      ctx.addIssue({
        code: 'custom',
        path: ['sharePercent'],
        message: '只有分红有比例 (only dividends have a share)',
      });
  })
  .meta(
    refusals(
      { field: 'endsOn', rule: '不能早于开始日期 (must not be before startsOn)' },
      { field: 'sharePercent', rule: '只有分红有比例 (only dividends have a share)' },
      { field: 'startsOn', rule: '受益开始日期不能早于项目开始日期 (must not be before the project start)' },
    ),
  );
export type LinkBeneficiaryBody = z.infer<typeof LinkBeneficiaryBody>;
