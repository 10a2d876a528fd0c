import { ThresholdSetV1 } from '@lib/contracts';
import { EVENT_APPLIERS } from '../subjects/domain/event-appliers';
import { checkRulesSubscriptions, EvaluationConsumer, handledTypesOf } from './evaluation.consumer';

describe('rules consumer', () => {
  it('has a handler for every event applier, and the thresholds', () => {
    expect(handledTypesOf(EvaluationConsumer).sort()).toEqual(
      [...EVENT_APPLIERS.map((a) => a.event.type), ThresholdSetV1.type].sort(),
    );
  });

  it('passes its start-up check with the topics rules consumes', () => {
    expect(() => checkRulesSubscriptions()).not.toThrow();
  });

  it('fails its start-up check when a topic an applier needs is not consumed', () => {
    expect(() => checkRulesSubscriptions(['households.events.v1'])).toThrow(/survey.recorded.v1/);
  });
});
