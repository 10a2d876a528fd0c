import { z } from 'zod';

/**
 * 校验提示: zod's own reasons in Simplified Chinese, for the services (ZodValidationPipe) and the console
 * (the same schemas validate as the user types), so a refusal reads the same in both. A reason a schema
 * states itself (`.min(1, '必填')`) is kept as written.
 */
const TYPE: Record<string, string> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '是或否',
  object: '对象',
  array: '列表',
  date: '日期',
  bigint: '整数',
  null: '空值',
  undefined: '空',
};
const typeName = (t: string) => TYPE[t] ?? t;

export const zhErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: '必填' };
      if (issue.received === 'nan') return { message: '须为数字' };
      return { message: `须为${typeName(issue.expected)}` };
    case z.ZodIssueCode.invalid_literal:
      return { message: `须为 ${JSON.stringify(issue.expected)}` };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: `不认识的字段：${issue.keys.join('、')}` };
    case z.ZodIssueCode.invalid_union:
    case z.ZodIssueCode.invalid_union_discriminator:
      return { message: '不是可接受的取值' };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `不是可选的取值（可选：${issue.options.map(String).join('、')}）` };
    case z.ZodIssueCode.invalid_date:
      return { message: '不是有效的日期' };
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === 'email') return { message: '须为电子邮箱地址' };
      if (issue.validation === 'url') return { message: '须为网址' };
      if (issue.validation === 'uuid') return { message: '须为编号（UUID）' };
      if (issue.validation === 'datetime') return { message: '须为带时区的时间' };
      if (issue.validation === 'date') return { message: '须为日期 YYYY-MM-DD' };
      return { message: '格式不正确' };
    case z.ZodIssueCode.too_small: {
      const n = Number(issue.minimum);
      if (issue.type === 'string')
        return { message: n <= 1 ? '必填' : `至少 ${n} 个字符` };
      if (issue.type === 'array') return { message: `至少 ${n} 项` };
      return { message: issue.inclusive ? `不能小于 ${n}` : `须大于 ${n}` };
    }
    case z.ZodIssueCode.too_big: {
      const n = Number(issue.maximum);
      if (issue.type === 'string') return { message: `最多 ${n} 个字符` };
      if (issue.type === 'array') return { message: `最多 ${n} 项` };
      return { message: issue.inclusive ? `不能大于 ${n}` : `须小于 ${n}` };
    }
    case z.ZodIssueCode.not_multiple_of:
      return { message: `须为 ${String(issue.multipleOf)} 的整数倍` };
    case z.ZodIssueCode.not_finite:
      return { message: '须为有限的数字' };
    default:
      return { message: ctx.defaultError };
  }
};
