/**
 * 民事直说 / 民事领办代办: the life of a resident's request, pure (no framework, database or broker).
 * 受理 (accepted) → 办理中 (in_progress) → 办结 (concluded) → 回访 (visited, with the resident's
 * rating); 不满意 at the 回访 reopens it: back to 办理中 for a new round with a new deadline.
 */
import type { ResidentRequestCategory, ResidentRequestRating, ResidentRequestStatus } from '@lib/contracts';

export interface Assignee {
  userId: string;
  name: string;
}

export interface RatingRecord {
  rating: ResidentRequestRating;
  round: number;
  note: string | null;
  at: Date;
  by: string;
}

export interface HistoryEntry {
  at: Date;
  by: string;
  action: 'received' | 'assigned' | 'started' | 'concluded' | 'rated' | 'reopened';
  from: ResidentRequestStatus | null;
  to: ResidentRequestStatus;
  note: string | null;
}

/** The facts of a request the rules below read and change. */
export interface RequestState {
  status: ResidentRequestStatus;
  round: number;
  receivedAt: Date;
  dueAt: Date;
  warnAt: Date;
  assignee: Assignee | null;
  /** The last round whose 即将超期 / 超期 notice was raised (0: none yet). */
  warnedRound: number;
  overdueRound: number;
  everConcluded: boolean;
  /** Some round was concluded after its deadline. */
  lateEver: boolean;
  answer: string | null;
  ratings: RatingRecord[];
  /** How many of each rating it got (the statistics add these up per village). */
  ratingCounts: Record<ResidentRequestRating, number>;
}

/** A county's deadlines: days per category and how many days before it the warning goes out. */
export interface DeadlinePolicy {
  days: Record<ResidentRequestCategory, number>;
  warnDaysBefore: number;
}

/** A refusal a person reads: the field it concerns and why, in Chinese. */
export class RequestRefusal extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly kind: 'invalid' | 'conflict' = 'conflict',
  ) {
    super(`${field}: ${reason}`);
  }
}

/** When a round that starts at `from` is due, and when its warning goes out (never before `from`). */
export function deadlineOf(
  policy: DeadlinePolicy,
  category: ResidentRequestCategory,
  from: Date,
  dayMs: number,
): { dueAt: Date; warnAt: Date } {
  const days = policy.days[category];
  const dueAt = new Date(from.getTime() + days * dayMs);
  const warnDays = Math.min(policy.warnDaysBefore, days);
  const warnAt = new Date(Math.max(from.getTime(), dueAt.getTime() - warnDays * dayMs));
  return { dueAt, warnAt };
}

/** Open: still to be worked (受理 or 办理中); only open requests can run late. */
export function isOpen(status: ResidentRequestStatus): boolean {
  return status === 'accepted' || status === 'in_progress';
}

export function assign(s: RequestState, to: Assignee): void {
  if (!isOpen(s.status))
    throw new RequestRefusal('status', `诉求已${s.status === 'concluded' ? '办结' : '回访'}，不能再交办`);
  s.assignee = to;
}

/** 受理 → 办理中 (the assignee, or whoever works it, takes it up). */
export function start(s: RequestState): void {
  if (s.status !== 'accepted')
    throw new RequestRefusal(
      'status',
      s.status === 'in_progress' ? '诉求已在办理中' : '诉求已办结，不能再开始办理',
    );
  if (!s.assignee) throw new RequestRefusal('assignee', '请先交办给承办人再开始办理');
  s.status = 'in_progress';
}

/** 办理中 → 办结 with the answer given to the resident; late when past the round's deadline. */
export function conclude(s: RequestState, answer: string, at: Date): { late: boolean } {
  if (s.status !== 'in_progress')
    throw new RequestRefusal('status', s.status === 'accepted' ? '诉求尚未开始办理，不能办结' : '诉求已办结');
  const late = at.getTime() > s.dueAt.getTime();
  s.status = 'concluded';
  s.answer = answer;
  s.everConcluded = true;
  if (late) s.lateEver = true;
  return { late };
}

/**
 * 回访: the resident's rating of a concluded request. 满意 / 基本满意 close it (回访); 不满意
 * reopens it: 办理中 again, a new round, a new deadline from now.
 */
export function rate(
  s: RequestState,
  r: { rating: ResidentRequestRating; note: string | null; at: Date; by: string },
  nextDeadline: (from: Date) => { dueAt: Date; warnAt: Date },
): { reopened: boolean } {
  if (s.status !== 'concluded')
    throw new RequestRefusal('status', s.status === 'visited' ? '诉求已回访评价' : '诉求尚未办结，不能评价');
  s.ratings = [...s.ratings, { ...r, round: s.round }];
  s.ratingCounts = { ...s.ratingCounts, [r.rating]: (s.ratingCounts[r.rating] ?? 0) + 1 };
  if (r.rating !== 'dissatisfied') {
    s.status = 'visited';
    return { reopened: false };
  }
  s.status = 'in_progress';
  s.round += 1;
  s.answer = null;
  Object.assign(s, nextDeadline(r.at));
  return { reopened: true };
}

/**
 * The deadline notices an open request is due at `now`, each once per round: `approaching` from
 * the warning time, `overdue` from the deadline (both at once when the check comes late).
 */
export function noticesDue(s: RequestState, now: Date): Array<'approaching' | 'overdue'> {
  if (!isOpen(s.status)) return [];
  const due: Array<'approaching' | 'overdue'> = [];
  if (s.warnedRound < s.round && now.getTime() >= s.warnAt.getTime() && now.getTime() < s.dueAt.getTime())
    due.push('approaching');
  if (s.overdueRound < s.round && now.getTime() >= s.dueAt.getTime()) due.push('overdue');
  return due;
}
