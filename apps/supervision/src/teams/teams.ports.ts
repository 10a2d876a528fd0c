/**
 * What the roster's changes ask of the features built on it, declared here (the upstream side) and
 * implemented downstream, so that the dependency runs one way: attendance and ingestion depend on
 * teams, never the reverse. The features that record a member's facts (calendar, leaves, work logs,
 * visits) depend on teams too and use the same port.
 */

/** A member-day: one member's local day (YYYY-MM-DD). */
export interface MemberDay {
  memberId: string;
  day: string;
}

/**
 * Re-judges the attendance of member-days whose facts changed (a geofence, working hours, a posting,
 * a calendar, a leave, a work log, a visit); each returns the days written. Implemented by
 * attendance (RecomputeAttendance).
 */
export abstract class RejudgeMemberDays {
  /** These member-days. */
  abstract execute(touched: MemberDay[]): Promise<number>;
  /** Every one of these days of these members that has facts or a computed day. */
  abstract forDays(memberIds: string[], days: string[]): Promise<number>;
  /** Every day of the month (YYYY-MM) of these members. */
  abstract forMonth(memberIds: string[], month: string): Promise<number>;
  /** Every month in which these members have computed days. */
  abstract forAllMonths(memberIds: string[]): Promise<number>;
}

/**
 * A member newly mapped to a DingTalk user takes over that user's check-ins kept aside (未匹配打卡);
 * returns how many. Implemented by ingestion (AttachUnmatchedCheckIns).
 */
export abstract class AttachCheckInsOfUser {
  abstract execute(memberId: string, dingtalkUserId: string): Promise<number>;
}
