import { z } from 'zod';
import { refusals, yuan, zhTypeError } from '@lib/contracts';
import { IsoDate } from '../dto';

export const OutputKind = z.enum(['stocking', 'harvest', 'production']);
/** 销售渠道: 镇电商中心微信群 / 集市 / 企业收购 / 其他 */
export const SalesChannel = z.enum(['ecommerce_centre_wechat', 'market', 'enterprise', 'other']);

/** Checked by records.controller.ts against the project's start and today. */
const RECORD_DAY = '不能早于项目开始日期，不能晚于今天 (within the project, not in the future)';

const Quantity = z
  .number(zhTypeError({ required: '必填', invalidType: '须为数字' }))
  .positive('须大于 0')
  .finite();

export const RecordOutputBody = z
  .object({
    kind: OutputKind.describe('stocking 投放 / harvest 出栏·采收 / production 产量'),
    item: z.string().trim().min(1, '必填').max(64).describe('e.g. 南美白对虾苗, 生态放养鸡'),
    quantity: Quantity,
    unit: z.string().trim().min(1, '必填').max(16).describe('e.g. 尾, 羽, 斤, 公斤'),
    recordedOn: IsoDate,
    note: z.string().trim().max(500).nullable().default(null),
  })
  .strict()
  .meta(refusals({ field: 'recordedOn', rule: RECORD_DAY }));
export type RecordOutputBody = z.infer<typeof RecordOutputBody>;

export const RecordSaleBody = z
  .object({
    channel: SalesChannel,
    item: z.string().trim().min(1, '必填').max(64).describe('e.g. 冷水鱼, 土蜂蜜, 羊肚菌'),
    quantity: Quantity.nullable().default(null),
    unit: z.string().trim().min(1).max(16).nullable().default(null),
    amount: yuan({ above: 0 }).describe('销售额 (yuan)'),
    soldOn: IsoDate,
    buyer: z.string().trim().max(100).nullable().default(null),
  })
  .strict()
  .meta(refusals({ field: 'soldOn', rule: RECORD_DAY }));
export type RecordSaleBody = z.infer<typeof RecordSaleBody>;
