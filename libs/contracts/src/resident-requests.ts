import { z } from 'zod';
import { VillageCode } from './domain';
import { refusals } from './refusals';

/**
 * 民事直说 / 民事领办代办: residents' requests (apps/requests). The enums, the public form's schemas
 * (the console validates with the same ones) and the default deadlines live here, beside the events.
 */

/** 诉求类别 */
export const ResidentRequestCategory = z.enum([
  'policy_consultation', // 政策咨询
  'document_service', // 证件代办
  'dispute', // 矛盾纠纷
  'infrastructure', // 基础设施
  'employment', // 就业
  'medical', // 医疗
  'other', // 其他
]);
export type ResidentRequestCategory = z.infer<typeof ResidentRequestCategory>;

/** 受理 → 办理中 → 办结 → 回访 (不满意: back to 办理中). */
export const ResidentRequestStatus = z.enum(['accepted', 'in_progress', 'concluded', 'visited']);
export type ResidentRequestStatus = z.infer<typeof ResidentRequestStatus>;

/** 群众评价 at closing. */
export const ResidentRequestRating = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']);
export type ResidentRequestRating = z.infer<typeof ResidentRequestRating>;

/** How the request came in: a cadre took it in, or the resident used the public form. */
export const ResidentRequestChannel = z.enum(['cadre', 'public_form']);
export type ResidentRequestChannel = z.infer<typeof ResidentRequestChannel>;

/** 办理时限 (days) of each category when the county set none. */
export const DEFAULT_REQUEST_DEADLINE_DAYS: Record<ResidentRequestCategory, number> = {
  policy_consultation: 3,
  document_service: 7,
  dispute: 15,
  infrastructure: 30,
  employment: 15,
  medical: 7,
  other: 15,
};
/** The 即将超期 notice is raised this many days before the deadline unless the county says otherwise. */
export const DEFAULT_REQUEST_WARN_DAYS_BEFORE = 1;

/** A mainland mobile number (11 digits, 1[3-9]…). */
export const MobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '须为 11 位手机号码');

/** 群众自助提交第一步：向手机发送验证码. */
export const PublicSmsCodeBody = z.strictObject({ phone: MobilePhone });
export type PublicSmsCodeBody = z.infer<typeof PublicSmsCodeBody>;

/** 群众自助提交：诉求表单（无需账号，手机验证码确认）. */
export const PublicRequestBody = z.strictObject({
  phone: MobilePhone,
  code: z
    .string({ error: '请填写短信验证码' })
    .trim()
    .regex(/^\d{6}$/, '验证码须为 6 位数字')
    .meta(
      refusals({
        field: '',
        rule: '须为发到该手机、尚未过期的验证码 (the code sent to the phone, unexpired)',
      }),
    ),
  name: z.string().trim().min(1, '请填写姓名').max(20, '姓名最多 20 个字'),
  villageCode: VillageCode,
  category: ResidentRequestCategory,
  content: z.string().trim().min(5, '请至少用 5 个字说明诉求').max(1000, '诉求内容最多 1000 个字'),
});
export type PublicRequestBody = z.infer<typeof PublicRequestBody>;
