import { BadRequestException } from '@nestjs/common';
import { FieldProblem } from '@lib/service-kit';

/** A 400 naming every field and reason (same shape as ZodValidationPipe's); nothing was changed. */
export function problemsError(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `输入有误 (invalid input): ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`,
    problems,
  });
}

/** Strips the storage id into `id` for answers. */
export function present<T extends { _id: string }>(doc: T): Omit<T, '_id'> & { id: string } {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}
