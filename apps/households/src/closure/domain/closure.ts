/** 注销: whether a household may be closed, and what the closure records. Pure: no framework, no I/O. */
import type { HouseholdClosureReason } from '@lib/contracts';

export interface ClosureRequest {
  reason: HouseholdClosureReason;
  /** the day it took effect, YYYY-MM-DD (not after today: the DTO checks) */
  on: string;
  /** 合户: the household it merged into */
  mergedInto?: string;
  note?: string;
}

/** What the decision needs of the household (and, for 合户, of the one it merges into). */
export interface ClosingHousehold {
  id: string;
  status?: string;
  closure?: { on: string };
  /** registration day (YYYY-MM-DD): a closure cannot come before it */
  registeredOn: string;
}

export type ClosureDecision = { ok: true } | { ok: false; status: 400 | 409; field: string; reason: string };

const refuse = (status: 400 | 409, field: string, reason: string): ClosureDecision => ({
  ok: false,
  status,
  field,
  reason,
});

/**
 * A household may be closed once, from any lifecycle state; 合户 names another household, open, of the same
 * registry (the caller looked it up in their scope: `target` null when not found).
 */
export function decideClosure(
  household: ClosingHousehold,
  req: ClosureRequest,
  target?: Pick<ClosingHousehold, 'id' | 'status'> | null,
): ClosureDecision {
  if (household.status === 'closed')
    return refuse(
      409,
      'status',
      `该户已于 ${household.closure?.on ?? ''} 注销，不能重复注销 (already closed)`,
    );
  if (req.on < household.registeredOn)
    return refuse(400, 'on', `注销日期不能早于建档日期 ${household.registeredOn} (before registration)`);
  if (req.reason === 'merged') {
    if (!req.mergedInto) return refuse(400, 'mergedInto', '合户须注明并入的户 (required for 合户)');
    if (req.mergedInto === household.id)
      return refuse(400, 'mergedInto', '不能并入本户 (cannot merge into itself)');
    if (!target) return refuse(400, 'mergedInto', '未找到并入的户 (no such household in your scope)');
    if (target.status === 'closed')
      return refuse(400, 'mergedInto', '并入的户已注销 (that household is closed)');
  } else if (req.mergedInto) {
    return refuse(400, 'mergedInto', '仅合户时填写并入的户 (only for 合户)');
  }
  return { ok: true };
}
