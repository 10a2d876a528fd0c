import {
  AttendanceDayComputedV1,
  createEvent,
  HouseholdLifecycleTransitionedV1,
  HouseholdMemberChangedV1,
  HouseholdMemberRemovedV1,
  HouseholdRegisteredV1,
  SurveyRecordedV1,
} from '@lib/contracts';
import { contextOf } from '../../engine/evaluate';
import { applyEvent, emptyState } from './event-appliers';
import { SubjectEvent, SubjectState } from './subject-state';

const VILLAGE = '621299101201';
const TOWN = VILLAGE.slice(0, 9);

function event<T extends SubjectEvent>(type: string, subject: string, data: object): T {
  return createEvent({ type, source: 'test', subject, data }) as unknown as T;
}

const registeredEvent = (members: HouseholdRegisteredV1['data']['members']) =>
  event<HouseholdRegisteredV1>(HouseholdRegisteredV1.type, 'hh-1', {
    householdId: 'hh-1',
    householdNumber: '000001',
    provinceCode: '62',
    countyCode: '621299',
    townCode: TOWN,
    villageCode: VILLAGE,
    householdType: 'ordinary',
    monitoringCategory: 'marginal_at_risk',
    memberCount: members.length,
    members,
    registeredAt: '2026-01-05T02:00:00.000Z',
  });

const survey = (month: string, over: Partial<SurveyRecordedV1['data']>) =>
  event<SurveyRecordedV1>(SurveyRecordedV1.type, 'hh-1', {
    surveyId: `s-${month}`,
    householdId: 'hh-1',
    townCode: TOWN,
    villageCode: VILLAGE,
    month,
    visitedAt: `${month}-10T02:00:00.000Z`,
    visitor: 'u',
    income: { wage: 0, business: 0, property: 0, transfer: 0, businessCosts: 0 },
    netIncome: 0,
    residentMembers: 1,
    perCapitaNetIncome: 0,
    ...over,
  });

const transition = (to: HouseholdLifecycleTransitionedV1['data']['to'], on: string) =>
  event<HouseholdLifecycleTransitionedV1>(HouseholdLifecycleTransitionedV1.type, 'hh-1', {
    householdId: 'hh-1',
    townCode: TOWN,
    villageCode: VILLAGE,
    action: to,
    from: null,
    to,
    on,
    method: 'natural_elimination',
    by: 'u',
    transitionedAt: `${on}T02:00:00.000Z`,
  });

function household(): SubjectState {
  const reg = registeredEvent([
    { memberId: 'm1', relation: 'head', sex: 'male', birthDate: '1970-01-01', labourSkill: 'ordinary' },
    { memberId: 'm2', relation: 'child', sex: 'female', birthDate: '2016-01-01' },
  ]);
  const s = emptyState(reg);
  applyEvent(s, reg);
  return s;
}

describe('subject state: facts the new rules read', () => {
  it('keeps the member list: labour share and ages follow member events, aged on their day', () => {
    const s = household();
    expect(s.facts).toMatchObject({
      memberCount: 2,
      ableMembers: 1,
      ableMemberShare: 0.5,
      schoolAgeChildren: 1,
    });
    const base = { householdId: 'hh-1', townCode: TOWN, villageCode: VILLAGE, version: 2, by: 'u' };
    applyEvent(
      s,
      event(HouseholdMemberChangedV1.type, 'hh-1', {
        ...base,
        at: '2026-03-01T02:00:00.000Z',
        changedFields: ['labourSkill'],
        member: {
          memberId: 'm1',
          relation: 'head',
          sex: 'male',
          birthDate: '1970-01-01',
          labourSkill: 'lost',
        },
      }),
    );
    expect(s.facts).toMatchObject({ ableMembers: 0, ableMemberShare: 0 });
    applyEvent(
      s,
      event(HouseholdMemberRemovedV1.type, 'hh-1', {
        ...base,
        at: '2026-03-02T02:00:00.000Z',
        memberId: 'm2',
        reason: 'moved_out',
      }),
    );
    expect(s.facts).toMatchObject({ memberCount: 1, schoolAgeChildren: 0 });
  });

  it('a late survey of an earlier month keeps the newer findings, but its spending still counts', () => {
    const s = household();
    applyEvent(
      s,
      survey('2026-10', { riskTypes: ['illness'], guarantees: { housingSafety: 'D', drinkingWater: true } }),
    );
    expect(s.facts).toMatchObject({
      riskIllness: true,
      housingSafetyGrade: 'D',
      unsecuredGuarantees: '住房安全（D级）',
      medicalSpendingRecorded: 0,
    });
    applyEvent(
      s,
      survey('2026-09', {
        riskTypes: ['lack_of_labour'],
        guarantees: { housingSafety: 'A' },
        rigidSpending: { medicalOutOfPocket: 900 },
      }),
    );
    expect(s.facts).toMatchObject({
      riskIllness: true,
      riskLackOfLabour: false,
      housingSafetyGrade: 'D',
      surveyMonth: '2026-10',
      medicalSpendingRecorded: 900,
    });
  });

  it('counts whole months from identification to elimination', () => {
    const s = household();
    applyEvent(s, transition('identified', '2026-05-31'));
    const applied = applyEvent(s, transition('risk_eliminated', '2026-06-01'));
    expect(applied.trigger).toBe('lifecycle');
    expect(applied.eventFacts['event.lifecycleTo']).toBe('risk_eliminated');
    expect(s.facts).toMatchObject({
      monthsMonitored: 1,
      riskEliminated: true,
      eliminationMethod: '自然消除',
    });
  });

  it('plan review: days since the last plan activity, or since monitoring began', () => {
    const s = household();
    expect(contextOf(s, '2026-07-05', {}, []).facts.daysSincePlanReview).toBe(181);
    s.facts.lastPlanActivityOn = '2026-07-01';
    expect(contextOf(s, '2026-07-05', {}, []).facts.daysSincePlanReview).toBe(4);
  });

  it("a team member's last month: recomputed days replace earlier ones; not judged once no longer tracked", () => {
    const day = (d: string, onPost: boolean, excused: 'leave' | 'official_business' | null = null) =>
      event<AttendanceDayComputedV1>(AttendanceDayComputedV1.type, 'tm-1', {
        memberId: 'tm-1',
        teamId: 't',
        townCode: TOWN,
        villageCode: VILLAGE,
        day: d,
        workingDay: true,
        posted: true,
        onPost,
        insideGeofence: onPost,
        daytimeActivity: onPost,
        firstSeen: null,
        lastSeen: null,
        presenceCount: 0,
        replayCount: 0,
        flags: [],
        excused,
      });
    const first = day('2026-01-30', false);
    const s = emptyState(first);
    for (const e of [first, day('2026-01-31', false, 'official_business'), day('2026-01-29', false, 'leave')])
      applyEvent(s, e);
    applyEvent(s, day('2026-01-30', true));
    expect(contextOf(s, '2026-02-02', {}, []).facts).toMatchObject({
      lastMonth: '2026-01',
      lastMonthOnPostDays: 2,
      lastMonthLeaveDays: 1,
    });
    expect(contextOf(s, '2026-03-02', {}, []).facts.lastMonthOnPostDays).toBe(0); // tracked in January
    expect(contextOf(s, '2026-04-02', {}, []).facts.lastMonthOnPostDays).toBeNull();
  });
});
