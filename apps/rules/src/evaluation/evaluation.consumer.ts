import { Controller } from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { EventCatalog, eventTypesOfTopic, ThresholdSetV1, Topics } from '@lib/contracts';
import { BatchEventPattern } from '@lib/messaging';
import { checkAppliers, EVENT_APPLIERS, subjectEventsOf } from '../subjects/domain/event-appliers';
import { SubjectEvent } from '../subjects/domain/subject-state';
import { ThresholdsRepository } from '../thresholds/thresholds.repository';
import { EvaluateEvents } from './use-cases/evaluate-events.usecase';

/** The topics rules consumes. */
export const RULES_TOPICS = [Topics.households, Topics.monitoring, Topics.supervision, Topics.projects];

/**
 * Rules' Kafka handlers: one per event applier (subjects/domain/event-appliers.ts), registered from
 * that list below, each applying a run of events to the subjects they concern and evaluating the
 * rules they trigger; and the thresholds the county sets.
 */
@Controller()
export class EvaluationConsumer {
  constructor(
    readonly evaluateEvents: EvaluateEvents,
    private readonly thresholds: ThresholdsRepository,
  ) {}

  @BatchEventPattern(ThresholdSetV1.type)
  onThresholdSet(events: ThresholdSetV1[]) {
    return this.thresholds.applySet(events);
  }
}

for (const applier of EVENT_APPLIERS) {
  const name = `on ${applier.event.type}`;
  const descriptor: PropertyDescriptor = {
    value(this: EvaluationConsumer, events: SubjectEvent[]) {
      return this.evaluateEvents.execute(subjectEventsOf(events));
    },
    configurable: true,
    writable: true,
  };
  Object.defineProperty(EvaluationConsumer.prototype, name, descriptor);
  BatchEventPattern(applier.event.type)(EvaluationConsumer.prototype, name, descriptor);
}

/** The event types a consumer class has handlers for (its `@EventPattern`s). */
export function handledTypesOf(consumer: { prototype: object }): string[] {
  const proto = consumer.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto).flatMap((name) => {
    const fn = proto[name];
    if (typeof fn !== 'function' || name === 'constructor') return [];
    return ((Reflect.getMetadata(PATTERN_METADATA, fn) as unknown[] | undefined) ?? []).map(String);
  });
}

/** Start-up check (before consuming): rules' subscriptions and its event appliers match. */
export function checkRulesSubscriptions(topics: readonly string[] = RULES_TOPICS): void {
  checkAppliers({
    consumedTypes: topics.flatMap(eventTypesOfTopic),
    handledTypes: handledTypesOf(EvaluationConsumer),
    otherHandlers: [ThresholdSetV1.type],
    catalog: EventCatalog,
  });
}
