import { z } from 'zod';
import { labelOf } from './labels';

/**
 * 注销: why a household leaves the registry (家庭成员自然变更 in the national system). 死亡 (the last
 * member died), 迁出 (moved out of the county), 合户 (merged into another household, named), 自然消亡.
 */
export const HOUSEHOLD_CLOSURE_REASONS = ['death', 'moved_out', 'merged', 'natural_extinction'] as const;
export const HouseholdClosureReason = z.enum(HOUSEHOLD_CLOSURE_REASONS);
export type HouseholdClosureReason = z.infer<typeof HouseholdClosureReason>;

/** What the closure of a household records (on the household and in household.closed.v1). */
export const HouseholdClosure = z.object({
  reason: HouseholdClosureReason,
  /** the day it took effect, YYYY-MM-DD */
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** 合户: the household it merged into */
  mergedInto: z.string().min(1).optional(),
  note: z.string().optional(),
  by: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
});
export type HouseholdClosure = z.infer<typeof HouseholdClosure>;

/** The reason other apps write when they close what belonged to the household, e.g. "户已注销（死亡）". */
export const closureReasonText = (reason: HouseholdClosureReason) =>
  `户已注销（${labelOf('householdClosureReason', reason)}）`;
