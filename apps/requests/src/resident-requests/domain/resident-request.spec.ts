import { DEFAULT_REQUEST_DEADLINE_DAYS } from '@lib/contracts';
import {
  conclude,
  deadlineOf,
  noticesDue,
  rate,
  RequestRefusal,
  RequestState,
  start,
  assign,
} from './resident-request';

const DAY = 86_400_000;
const policy = { days: { ...DEFAULT_REQUEST_DEADLINE_DAYS, infrastructure: 2 }, warnDaysBefore: 1 };
const t0 = new Date('2026-12-01T00:00:00Z');

function aRequest(): RequestState {
  return {
    status: 'accepted',
    round: 1,
    receivedAt: t0,
    ...deadlineOf(policy, 'infrastructure', t0, DAY),
    assignee: null,
    warnedRound: 0,
    overdueRound: 0,
    everConcluded: false,
    lateEver: false,
    answer: null,
    ratings: [],
    ratingCounts: { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 },
  };
}
const at = (days: number) => new Date(t0.getTime() + days * DAY);

describe('a resident request', () => {
  it('is due after its category’s days, warned a day before', () => {
    const r = aRequest();
    expect(r.dueAt).toEqual(at(2));
    expect(r.warnAt).toEqual(at(1));
  });

  it('needs an assignee before work starts, then runs 受理 → 办理中 → 办结', () => {
    const r = aRequest();
    expect(() => start(r)).toThrow(new RequestRefusal('assignee', '请先交办给承办人再开始办理'));
    assign(r, { userId: 'u1', name: '李明' });
    start(r);
    expect(conclude(r, '已办', at(3))).toEqual({ late: true });
    expect(r).toMatchObject({ status: 'concluded', lateEver: true, everConcluded: true });
  });

  it('raises each deadline notice once per round, and none once concluded', () => {
    const r = aRequest();
    expect(noticesDue(r, at(0.5))).toEqual([]);
    expect(noticesDue(r, at(1.5))).toEqual(['approaching']);
    r.warnedRound = 1;
    expect(noticesDue(r, at(1.9))).toEqual([]);
    expect(noticesDue(r, at(2))).toEqual(['overdue']);
    r.overdueRound = 1;
    expect(noticesDue(r, at(5))).toEqual([]);
    // a late check raises the overdue one alone
    expect(noticesDue(aRequest(), at(3))).toEqual(['overdue']);
  });

  it('is reopened by 不满意 with a new round and deadline, closed by 满意', () => {
    const r = aRequest();
    assign(r, { userId: 'u1', name: '李明' });
    start(r);
    conclude(r, '已办', at(1));
    const next = (from: Date) => deadlineOf(policy, 'infrastructure', from, DAY);
    expect(rate(r, { rating: 'dissatisfied', note: null, at: at(1.5), by: 'x' }, next)).toEqual({
      reopened: true,
    });
    expect(r).toMatchObject({ status: 'in_progress', round: 2, dueAt: at(3.5) });
    expect(noticesDue(r, at(3.6))).toEqual(['overdue']);
    conclude(r, '再办', at(2));
    expect(rate(r, { rating: 'satisfied', note: null, at: at(2.5), by: 'x' }, next)).toEqual({
      reopened: false,
    });
    expect(r.status).toBe('visited');
    expect(r.ratingCounts).toEqual({ satisfied: 1, basically_satisfied: 0, dissatisfied: 1 });
    expect(r.ratings.map((x) => [x.rating, x.round])).toEqual([
      ['dissatisfied', 1],
      ['satisfied', 2],
    ]);
    expect(() => rate(r, { rating: 'satisfied', note: null, at: at(3), by: 'x' }, next)).toThrow(
      '诉求已回访评价',
    );
  });
});
