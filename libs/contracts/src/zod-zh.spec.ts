import { z } from 'zod';
import { zhError } from './zod-zh';

const reason = (schema: z.ZodTypeAny, value: unknown) =>
  schema.safeParse(value, { error: zhError }).error?.issues[0].message;

describe('校验提示 in Chinese (the services and the console explain a refusal alike)', () => {
  it('says what is missing, of the wrong type or out of range', () => {
    expect(reason(z.object({ a: z.string() }), {})).toBe('必填');
    expect(reason(z.number(), 'x')).toBe('须为数字');
    expect(reason(z.number().min(0), -1)).toBe('不能小于 0');
    expect(reason(z.number().max(12), 13)).toBe('不能大于 12');
    expect(reason(z.string().max(3), 'abcd')).toBe('最多 3 个字符');
    expect(reason(z.array(z.string()).min(1), [])).toBe('至少 1 项');
  });
  it('names the unknown fields and the allowed values', () => {
    expect(reason(z.object({}).strict(), { wage: 1 })).toBe('不认识的字段：wage');
    expect(reason(z.enum(['a', 'b']), 'c')).toBe('不是可选的取值（可选：a、b）');
  });
  it('keeps a reason a schema states itself', () => {
    expect(reason(z.string().min(1, '请填写户主姓名'), '')).toBe('请填写户主姓名');
  });
});
