import { ArgumentMetadata, BadRequestException, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { zhErrorMap } from '@lib/contracts';

export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * Rejects input that smuggles query operators or dotted keys (`{"$ne": null}`) anywhere in it,
 * including query-string keys in bracket form (`?townCode[$ne]=x`, kept as a flat key by the parser).
 */
export function findOperatorKeys(value: unknown, path: string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findOperatorKeys(v, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      k.includes('$') || k.includes('.') || k.includes('[')
        ? [[...path, k].join('.')]
        : findOperatorKeys(v, [...path, k]),
    );
  }
  return [];
}

/**
 * Validates a body, query or param with a zod schema: a 400 that names each field and the reason.
 * Nothing reaches a handler (and so nothing changes) unless it passed.
 */
export class ZodValidationPipe<S extends z.ZodTypeAny> implements PipeTransform<unknown, z.infer<S>> {
  /** Public so the API documentation can be generated from it (see openapi.ts). */
  constructor(readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.infer<S> {
    const operators = findOperatorKeys(value);
    if (operators.length > 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `不允许的字段名 (operators or dotted keys are not accepted): ${operators.join(', ')}`,
        problems: operators.map((field) => ({ field, reason: 'operator or dotted key not allowed' })),
      });
    }
    const result = this.schema.safeParse(value, { errorMap: zhErrorMap });
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

export const Paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
