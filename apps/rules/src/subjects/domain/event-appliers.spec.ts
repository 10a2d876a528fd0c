import {
  AlertRaisedV1,
  createEvent,
  EventCatalog,
  eventTypesOfTopic,
  HouseholdClosedV1,
  HouseholdRegisteredV1,
  ProjectMilestoneOverdueV1,
  SurveyRecordedV1,
  ThresholdSetV1,
  Topics,
} from '@lib/contracts';
import {
  applyEvent,
  checkAppliers,
  EVENT_APPLIERS,
  emptyState,
  subjectEventsOf,
  subjectIdOf,
} from './event-appliers';
import { isClosed } from '../../engine/evaluate';

const consumedTypes = [Topics.households, Topics.monitoring, Topics.supervision, Topics.projects].flatMap(
  eventTypesOfTopic,
);
const applierTypes = EVENT_APPLIERS.map((a) => a.event.type);

describe('event appliers (the registry rules evaluates from)', () => {
  it('has one applier per event type, each the catalogue’s event', () => {
    expect(new Set(applierTypes).size).toBe(applierTypes.length);
    for (const a of EVENT_APPLIERS) expect(EventCatalog[a.event.type]).toBe(a.event);
  });

  it('passes the start-up check when subscriptions and appliers match', () => {
    expect(() =>
      checkAppliers({
        consumedTypes,
        handledTypes: [...applierTypes, ThresholdSetV1.type],
        otherHandlers: [ThresholdSetV1.type],
        catalog: EventCatalog,
      }),
    ).not.toThrow();
  });

  it('refuses to start when a subscribed event type has no applier', () => {
    expect(() =>
      checkAppliers({
        consumedTypes,
        handledTypes: [...applierTypes, ThresholdSetV1.type, 'household.pairing-changed.v1'],
        otherHandlers: [ThresholdSetV1.type],
        catalog: EventCatalog,
      }),
    ).toThrow(/"household.pairing-changed.v1" but no event applier handles it/);
  });

  it('refuses to start when an applier’s event is not consumed or not handled', () => {
    const withoutSurveys = consumedTypes.filter((t) => t !== SurveyRecordedV1.type);
    expect(() =>
      checkAppliers({
        consumedTypes: withoutSurveys,
        handledTypes: applierTypes.filter((t) => t !== HouseholdRegisteredV1.type),
        otherHandlers: [],
        catalog: EventCatalog,
      }),
    ).toThrow(/"household.registered.v1" has no consumer handler/);
    expect(() =>
      checkAppliers({
        consumedTypes: withoutSurveys,
        handledTypes: applierTypes,
        otherHandlers: [],
        catalog: EventCatalog,
      }),
    ).toThrow(/"survey.recorded.v1" but rules does not consume its topic monitoring.events.v1/);
  });

  it('refuses an applier of an event the catalogue does not carry under that type', () => {
    const stray = { ...EVENT_APPLIERS[0], event: { ...AlertRaisedV1, type: 'alert.raised.v1' } };
    expect(() =>
      checkAppliers({
        consumedTypes,
        handledTypes: ['alert.raised.v1'],
        otherHandlers: [],
        catalog: EventCatalog,
        appliers: [stray],
      }),
    ).toThrow(/"alert.raised.v1", which is not the catalogue's event/);
  });

  it('splits a project milestone event into one per beneficiary household, known households only', () => {
    const e = createEvent({
      type: ProjectMilestoneOverdueV1.type,
      source: 'test',
      subject: 'p-1',
      id: 'ev-1',
      data: {
        projectId: 'p-1',
        projectName: '肉牛养殖',
        townCode: '621299101',
        villageCode: '621299101201',
        beneficiaryHouseholdIds: ['hh-1', 'hh-2', 'hh-1'],
        milestoneId: 'm-1',
        title: '牛舍建成',
        dueOn: '2026-03-01',
        daysOverdue: 10,
        detectedOn: '2026-03-11',
      },
    });
    const split = subjectEventsOf([e]);
    expect(split.map((x) => [x.id, subjectIdOf(x), x.knownOnly])).toEqual([
      ['ev-1|hh-1', 'hh-1', true],
      ['ev-1|hh-2', 'hh-2', true],
    ]);
    const s = emptyState(split[0]);
    expect(s.subjectType).toBe('household');
    expect(applyEvent(s, split[0])).toEqual({
      trigger: 'project',
      asOf: '2026-03-11',
      eventFacts: {
        'event.projectRisk': 'milestone_overdue',
        'event.projectName': '肉牛养殖',
        'event.projectDetail': '里程碑「牛舍建成」应于 2026-03-01 完成，已逾期 10 天',
        'event.daysOverdue': 10,
        'event.stalledMonths': null,
      },
    });
    expect(s.appliedEventIds).toEqual(['ev-1|hh-1']);
  });

  it('refuses an event type without an applier', () => {
    const e = { id: 'x', type: 'alert.raised.v1', data: { villageCode: '621299101201', householdId: 'hh' } };
    expect(() => subjectEventsOf([e])).toThrow(/no event applier for "alert.raised.v1"/);
  });
});

describe('注销 (household.closed.v1)', () => {
  const closedEvent = (on: string, reason: 'death' | 'moved_out') =>
    createEvent({
      type: HouseholdClosedV1.type,
      source: 'households',
      subject: 'hh-closed',
      villageId: '621299101201',
      townId: '621299101',
      time: new Date(`${on}T02:00:00Z`),
      data: {
        householdId: 'hh-closed',
        townCode: '621299101',
        villageCode: '621299101201',
        version: 3,
        by: 'user:town',
        at: `${on}T02:00:00.000Z`,
        reason,
        on,
      },
    });

  it('marks the household closed from the closure day; a later closure does not move it', () => {
    const first = closedEvent('2026-11-02', 'death');
    const s = emptyState(first);
    expect(isClosed(s)).toBe(false);
    applyEvent(s, first);
    expect(isClosed(s)).toBe(true);
    expect(s.facts).toMatchObject({ closedOn: '2026-11-02', closureReason: 'death' });
    applyEvent(s, closedEvent('2026-11-20', 'moved_out'));
    expect(s.facts).toMatchObject({ closedOn: '2026-11-02', closureReason: 'death' });
  });
});
