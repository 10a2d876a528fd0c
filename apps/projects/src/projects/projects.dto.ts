import { z } from 'zod';
import { refusals, TownCode, VillageCode, yuan } from '@lib/contracts';
import { IsoDate } from '../dto';

/** 产业类型 */
export const ProjectType = z.enum([
  'aquaculture', // 水产养殖 (冷水鱼, 南美白对虾, 鲈鱼)
  'poultry', // 家禽 (生态放养鸡)
  'edible_fungi', // 食用菌 (羊肚菌, 赤松茸)
  'herbs', // 中药材 (白芪)
  'orchard', // 经济林果 (核桃, 花椒)
  'bees', // 中蜂养殖
  'ecommerce_sales', // 电商销售 (镇电商中心微信群)
  'other',
]);
/** 项目主体: 合作社 / 村集体经济 ("支部+") / 企业 */
export const OwnerKind = z.enum(['cooperative', 'village_collective', 'enterprise']);
export const ProjectStatus = z.enum(['planning', 'active', 'completed', 'suspended']);
/** 资金来源 */
export const FundSourceKind = z.enum([
  'central_linkage_fund', // 中央衔接推进乡村振兴补助资金
  'provincial_fund',
  'county_fund',
  'pairing_unit', // 帮扶单位 / 东西部协作
  'village_collective',
  'cooperative',
  'enterprise',
  'bank_loan',
  'self_raised', // 农户自筹
  'other',
]);

const PositiveYuan = yuan({ above: 0 });
const NonNegativeYuan = yuan({ min: 0 });
const Text = (max: number) => z.string().trim().min(1, '必填').max(max);

export const MilestoneBody = z
  .object({
    title: Text(100).describe('里程碑, e.g. 完成苗种投放'),
    dueOn: IsoDate.describe('due date (YYYY-MM-DD)'),
    completedOn: IsoDate.nullable().default(null),
  })
  .strict()
  .meta(
    refusals(
      { field: 'dueOn', rule: '里程碑日期不能早于项目开始日期 (must not be before the project start)' },
      { field: 'completedOn', rule: '完成日期不能早于项目开始日期 (must not be before the project start)' },
    ),
  );
export type MilestoneBody = z.infer<typeof MilestoneBody>;

export const ResponsiblePersonBody = z
  .object({ name: Text(32), role: Text(32).describe('e.g. 第一书记, 合作社理事长') })
  .strict();

export const CreateProjectBody = z
  .object({
    name: Text(100).describe('项目名称, e.g. 三联村"支部+"冷水鱼养殖'),
    type: ProjectType,
    phase: Text(32).nullable().default(null).describe('期次, e.g. 冷水鱼二期'),
    description: z.string().trim().max(2000).nullable().default(null),
    villageCode: VillageCode,
    owner: z.object({ kind: OwnerKind, name: Text(100) }).strict(),
    status: ProjectStatus.default('active'),
    startsOn: IsoDate,
    endsOn: IsoDate.nullable().default(null),
    budget: NonNegativeYuan.optional().describe('总投资 (yuan); the sum of fundSources when omitted'),
    fundSources: z
      .array(
        z
          .object({
            source: FundSourceKind,
            amount: PositiveYuan,
            note: z.string().trim().max(200).nullable().default(null),
          })
          .strict(),
      )
      .max(20)
      .default([]),
    milestones: z.array(MilestoneBody).max(100).default([]),
    responsiblePeople: z.array(ResponsiblePersonBody).max(20).default([]),
  })
  .strict()
  // checked by project-rules.ts against the project as it would be
  .meta(
    refusals(
      { field: 'endsOn', rule: '不能早于项目开始日期 (must not be before startsOn)' },
      { field: 'fundSources', rule: '资金来源合计须等于总投资 (fund sources must add up to the budget)' },
    ),
  );
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

export const UpdateProjectBody = z
  .object({
    name: Text(100),
    phase: Text(32).nullable(),
    description: z.string().trim().max(2000).nullable(),
    status: ProjectStatus,
    endsOn: IsoDate.nullable(),
    responsiblePeople: z.array(ResponsiblePersonBody).max(20),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .meta(refusals({ field: 'endsOn', rule: '不能早于项目开始日期 (must not be before startsOn)' }));
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;

export const CompleteMilestoneBody = z
  .object({ completedOn: IsoDate })
  .strict()
  .meta(
    refusals({
      field: 'completedOn',
      rule: '不能早于项目开始日期，不能晚于今天 (within the project, not in the future)',
    }),
  );

export const ListProjectsQuery = z
  .object({
    townCode: TownCode.optional(),
    villageCode: VillageCode.optional(),
    type: ProjectType.optional(),
    status: ProjectStatus.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListProjectsQuery = z.infer<typeof ListProjectsQuery>;
