import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { inspectInput, MAX_INPUT_DEPTH, ZodValidationPipe } from './validation';

const nested = (levels: number) => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};
const refusal = (pipe: ZodValidationPipe<z.ZodTypeAny>, value: unknown) => {
  try {
    pipe.transform(value, { type: 'body' });
  } catch (e) {
    return (e as BadRequestException).getResponse() as { message: string; problems: { field: string }[] };
  }
  throw new Error('accepted');
};

describe('hostile input (any body, before the schema walks it)', () => {
  const pipe = new ZodValidationPipe(z.object({ name: z.string() }).strict());

  it('a body nested 5,000 levels deep gets a 400 naming where it went too deep, not a stack overflow', () => {
    const answer = refusal(pipe, nested(5_000));
    expect(answer.message).toContain('嵌套层级超过');
    expect(answer.problems[0].field).toBe(Array(MAX_INPUT_DEPTH).fill('a').join('.'));
  });

  it('query operators and dotted keys are named in document order, at any depth', () => {
    expect(inspectInput({ a: { $ne: 1 }, b: [{ 'x.y': 2 }], c: { 'q[$gt]': 3 } }).operators).toEqual([
      'a.$ne',
      'b.0.x.y',
      'c.q[$gt]',
    ]);
  });

  it('ordinary bodies pass', () => {
    expect(pipe.transform({ name: '王建国' }, { type: 'body' })).toEqual({ name: '王建国' });
    expect(inspectInput(nested(MAX_INPUT_DEPTH - 1)).tooDeep).toBeNull();
  });
});
