/**
 * 监测对象识别与消除: the steps of the monitoring lifecycle, from which state each may be taken and which
 * permission of the households app's table (`HouseholdsPermissions`, permissions/households.ts) owns it. One table: the households API enforces it, the console
 * offers exactly these steps.
 */
export const LIFECYCLE_STATES = [
  'identified', // 识别（农户申请 / 干部排查 / 部门预警）
  'village_reviewed', // 村级评议
  'public_notice', // 公示（不少于5天）
  'town_reviewed', // 乡镇审核
  'county_approved', // 县级审定
  'assisted', // 落实帮扶
  'risk_eliminated', // 风险消除
] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

export const LIFECYCLE_ACTIONS = [
  'identify',
  'village_review',
  'start_public_notice',
  'town_review',
  'county_approve',
  'start_assistance',
  'eliminate_risk',
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export interface LifecycleStep {
  /** the states it may be taken from (null: not monitored) */
  from: readonly (LifecycleState | null)[];
  to: LifecycleState;
  /** the key of `HouseholdsPermissions` that owns the step */
  permission: string;
  /** a decision (民主评议, 乡镇审核, 县级审定, 风险消除确认): approved or rejected with a reason */
  rejectable: boolean;
}

export const LIFECYCLE_STEPS = {
  // a household whose risk was eliminated can be identified again (返贫): a new cycle
  identify: { from: [null, 'risk_eliminated'], to: 'identified', permission: 'lifecycleIdentify', rejectable: false },
  village_review: {
    from: ['identified'],
    to: 'village_reviewed',
    permission: 'lifecycleVillageReview',
    rejectable: true,
  },
  start_public_notice: {
    from: ['village_reviewed'],
    to: 'public_notice',
    permission: 'lifecyclePublicNotice',
    rejectable: false,
  },
  town_review: { from: ['public_notice'], to: 'town_reviewed', permission: 'lifecycleTownReview', rejectable: true },
  county_approve: {
    from: ['town_reviewed'],
    to: 'county_approved',
    permission: 'lifecycleCountyApprove',
    rejectable: true,
  },
  start_assistance: {
    from: ['county_approved'],
    to: 'assisted',
    permission: 'lifecycleStartAssistance',
    rejectable: false,
  },
  eliminate_risk: { from: ['assisted'], to: 'risk_eliminated', permission: 'lifecycleEliminateRisk', rejectable: true },
} as const satisfies Record<LifecycleAction, LifecycleStep>;

/** The steps that may be taken from a state (null or '' : not monitored), in the procedure's order. */
export function stepsFrom(state: string | null | undefined): LifecycleAction[] {
  const s = (state || null) as LifecycleState | null;
  return LIFECYCLE_ACTIONS.filter((a) => (LIFECYCLE_STEPS[a].from as readonly (string | null)[]).includes(s));
}
