/**
 * 督查 and 整改: the status an inspection starts in and the sequence of its follow-ups.
 * Pure functions: no framework, no I/O.
 */

export const FollowUpStatuses = ['open', 'rectifying', 'closed'] as const;
export type FollowUpStatus = (typeof FollowUpStatuses)[number];

/** An inspection with findings is open (整改 to follow); one without is closed at once. */
export const initialStatus = (findings: readonly unknown[]): FollowUpStatus =>
  findings.length > 0 ? 'open' : 'closed';

/** The number a new follow-up gets (1 for the first): it names its event, so a retry is one event. */
export const nextFollowUp = (followUps: readonly unknown[]) => followUps.length + 1;
