import { z } from 'zod';

/**
 * 校验提示: zod's own reasons in Simplified Chinese, for the services (ZodValidationPipe) and the console
 * (the same schemas validate as the user types), so a refusal reads the same in both. A reason a schema
 * states itself (`.min(1, '必填')`, `zhTypeError({ required: '必填' })`) is kept as written.
 *
 * zod 4 error customisation: the services pass `zhError` to each parse (`{ error: zhError }`), the console
 * installs it for every parse with `z.config({ customError: zhError })`. A schema's own message comes first
 * either way; a reason this map does not know (undefined) falls back to zod's default.
 */
const TYPE: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
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

type Issue = z.core.$ZodRawIssue;

/** What zod says it received for a number that is not one (zod 4 refuses NaN and ±Infinity itself). */
const receivedOf = (issue: Issue): unknown => (issue as { received?: unknown }).received;
const isNotFinite = (issue: Issue) => receivedOf(issue) === 'Infinity' || receivedOf(issue) === '-Infinity';

function reasonOf(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined && receivedOf(issue) === undefined) return '必填';
      if (receivedOf(issue) === 'NaN') return '须为数字';
      if (isNotFinite(issue)) return '须为有限的数字';
      if (receivedOf(issue) === 'Invalid Date') return '不是有效的日期';
      return `须为${typeName(issue.expected)}`;
    case 'invalid_value':
      if (
        (issue.inst?._zod.def as { type?: string } | undefined)?.type === 'literal' &&
        issue.values.length === 1
      )
        return `须为 ${JSON.stringify(issue.values[0])}`;
      return `不是可选的取值（可选：${issue.values.map(String).join('、')}）`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_union':
      return '不是可接受的取值';
    case 'invalid_format':
      if (issue.format === 'email') return '须为电子邮箱地址';
      if (issue.format === 'url') return '须为网址';
      if (issue.format === 'uuid' || issue.format === 'guid') return '须为编号（UUID）';
      if (issue.format === 'datetime') return '须为带时区的时间';
      if (issue.format === 'date') return '须为日期 YYYY-MM-DD';
      return '格式不正确';
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? '必填' : `至少 ${n} 个字符`;
      if (issue.origin === 'array') return `至少 ${n} 项`;
      return issue.inclusive ? `不能小于 ${n}` : `须大于 ${n}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `最多 ${n} 个字符`;
      if (issue.origin === 'array') return `最多 ${n} 项`;
      return issue.inclusive ? `不能大于 ${n}` : `须小于 ${n}`;
    }
    case 'not_multiple_of':
      return `须为 ${String(issue.divisor)} 的整数倍`;
    default:
      return undefined;
  }
}

export const zhError: z.core.$ZodErrorMap = (issue) => reasonOf(issue);

/**
 * A schema's own reasons for a missing value and a value of the wrong type (zod 3's `required_error` and
 * `invalid_type_error`): `z.number(zhTypeError({ required: '必填', invalidType: '须为数字' }))`.
 * Anything else (a number that is not finite, a failed check) keeps the reason zhError gives.
 */
export function zhTypeError(reasons: { required?: string; invalidType?: string }): {
  error: z.core.$ZodErrorMap;
} {
  return {
    error: (issue) => {
      if (issue.code !== 'invalid_type') return undefined;
      if (issue.input === undefined && receivedOf(issue) === undefined) return reasons.required;
      if (isNotFinite(issue) || receivedOf(issue) === 'Invalid Date') return undefined;
      return reasons.invalidType;
    },
  };
}
