import { ConflictException, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { zhTypeError } from '@lib/contracts';

/** The town's decision on a request (leave, spending): once, by a named person, with a note. */
export const DecisionBody = z
  .object({
    approve: z.boolean(zhTypeError({ required: '必填' })),
    decidedBy: z.string().trim().min(1, '必填').max(64),
    note: z.string().trim().max(1_000).nullable().default(null),
  })
  .strict();
export type Decision = z.infer<typeof DecisionBody>;

/** What a decision sets on the pending request it decides (approved or rejected, when, by whom, why). */
export function decisionSet(body: Decision) {
  return {
    status: body.approve ? ('approved' as const) : ('rejected' as const),
    decidedAt: new Date(),
    decidedBy: body.decidedBy,
    decisionNote: body.note,
  };
}

/** Why a decision did not apply: no such record (404) or already decided (409). */
export function decisionConflict(id: string, existing: { status: string } | null) {
  if (!existing)
    return new NotFoundException({
      statusCode: 404,
      error: 'Not Found',
      message: `未找到该申请 (no request ${id})`,
    });
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `该申请已审批 (already ${existing.status})`,
  });
}
