import { ArgumentMetadata, BadRequestException, ConflictException, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { zhError } from '@lib/contracts';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** Deeper than any body the APIs take (a household with members and plans is 5 levels). */
export const MAX_INPUT_DEPTH = 32;

/**
 * What every key of the input must match (no `$`, `.` or `[`): the API descriptions declare it as the
 * `propertyNames` of every free-form map, so a key the validation refuses is not schema-valid either.
 */
export const SAFE_KEY_PATTERN = '^[^$.[]*$';
const SAFE_KEY = new RegExp(SAFE_KEY_PATTERN);

/**
 * Rejects input that smuggles query operators or dotted keys (`{"$ne": null}`) anywhere in it,
 * including query-string keys in bracket form (`?townCode[$ne]=x`, kept as a flat key by the parser).
 * Walks with its own stack (no recursion), so a body nested thousands of levels deep cannot overflow
 * the call stack; nesting deeper than MAX_INPUT_DEPTH is reported at the path where it goes too deep.
 */
export function inspectInput(value: unknown): { operators: string[]; tooDeep: string | null } {
  const operators: string[] = [];
  // depth-first, in document order: children are pushed in reverse so the first is taken first
  const stack: { v: unknown; path: string[]; operator: boolean }[] = [
    { v: value, path: [], operator: false },
  ];
  while (stack.length > 0) {
    const { v, path, operator } = stack.pop()!;
    if (operator) {
      operators.push(path.join('.'));
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (path.length >= MAX_INPUT_DEPTH) return { operators, tooDeep: path.join('.') };
    const entries: [string, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [String(i), x])
      : Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i];
      const isOperator = !Array.isArray(v) && !SAFE_KEY.test(k);
      stack.push({ v: x, path: [...path, k], operator: isOperator });
    }
  }
  return { operators, tooDeep: null };
}

/**
 * Validates a body, query or param with a zod schema: a 400 that names each field and the reason.
 * Nothing reaches a handler (and so nothing changes) unless it passed.
 */
export class ZodValidationPipe<S extends z.ZodTypeAny> implements PipeTransform<unknown, z.infer<S>> {
  /** Public so the API documentation can be generated from it (see openapi.ts). */
  constructor(readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.infer<S> {
    const { operators, tooDeep } = inspectInput(value);
    if (tooDeep !== null) {
      const field = tooDeep || metadata.data || metadata.type;
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `输入有误：嵌套层级超过 ${MAX_INPUT_DEPTH} 层 (input nested too deeply) at ${field}`,
        problems: [{ field, reason: `嵌套层级超过 ${MAX_INPUT_DEPTH} 层` }],
      });
    }
    if (operators.length > 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `不允许的字段名 (operators or dotted keys are not accepted): ${operators.join(', ')}`,
        problems: operators.map((field) => ({ field, reason: 'operator or dotted key not allowed' })),
      });
    }
    const result = this.schema.safeParse(value, { error: zhError });
    if (result.success) return result.data;
    const problems: FieldProblem[] = result.error.issues.map((i) => ({
      field: i.path.join('.') || metadata.data || metadata.type,
      reason: i.message,
    }));
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: `输入有误 (invalid input): ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`,
      problems,
    });
  }
}

/** A 400 for a rule the schema cannot express (e.g. an unknown household), naming the field. */
export function fieldError(field: string, reason: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `输入有误 (invalid input): ${field}: ${reason}`,
    problems: [{ field, reason }],
  });
}

/** A 409 for a state that forbids the request (e.g. a closed household), naming the field; the message is the reason. */
export function fieldConflict(field: string, reason: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: reason,
    problems: [{ field, reason }],
  });
}

export const Paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
