/**
 * Baseline (a), the pipe's ceiling: a plain kafkajs consumer that does the rules app's per-record CPU
 * work and nothing else — JSON-parse, contract check (envelope + household-income.changed.v1 data
 * schema), then the current evaluation code (engine/evaluate.ts: evaluateEvents + decide, the rule book
 * compiled from the default catalogue, the default monitoring lines) against subject states and open
 * alerts kept in memory; no database, no outbox. Same consumer settings as KafkaBatchServer (maxWait
 * 100 ms, 3 partitions at once, a commit after every partition batch), so the difference to ours is
 * the storage round trips per batch.
 * Env: BENCH_TOPIC, BENCH_GROUP, KAFKA_BROKERS.
 */
import { cloudEventEnvelopeSchema, HouseholdIncomeChangedV1 } from '@lib/contracts';
import { Alert } from '../../apps/rules/src/alerts/alert.schema';
import { decide, evaluateEvents } from '../../apps/rules/src/engine/evaluate';
import { chinaDay } from '../../apps/rules/src/engine/rule-book';
import { SubjectState } from '../../apps/rules/src/subjects/domain/subject-state';
import { DEFAULT_THRESHOLDS } from '../../apps/rules/src/thresholds/default-thresholds';
import { runRawConsumer } from '../shared/raw-consumer';
import { defaultRuleBook } from './common';

const book = defaultRuleBook();
const states = new Map<string, SubjectState>();
const open = new Map<string, Alert>();
let evaluated = 0;
let raised = 0;

runRawConsumer({
  clientId: 'bench-raw',
  onBatch: (messages) => {
    const events = messages.map((m) => {
      const envelope = cloudEventEnvelopeSchema.parse(JSON.parse(m.value!.toString('utf8')));
      return {
        ...envelope,
        data: HouseholdIncomeChangedV1.schema.parse(envelope.data),
      } as HouseholdIncomeChangedV1;
    });
    const { changed, outcomes } = evaluateEvents(events, states, book, DEFAULT_THRESHOLDS, chinaDay());
    const { raise } = decide(outcomes, open, new Date());
    for (const [id, s] of changed) states.set(id, s);
    evaluated += events.length;
    raised += raise.length;
  },
  summary: () => `raw consumer evaluated ${evaluated} records, ${raised} alerts (in memory)`,
});
