import * as fs from 'node:fs';
import { Topics } from '@lib/contracts';
import { AlertView, incomeChanged, Page, RulesHarness } from './harness';

const HOUSEHOLDS = 120;

/**
 * A fresh rules instance on an empty database with a backlog waiting (a new county, a restore, the
 * pipeline bench): it takes no event before its start-up is done — collections and indexes, migrations,
 * the monitoring lines and the rule catalogue seeded — so every household below the line gets its
 * alert. Before, the consumer started with the microservice and Nest ran the start-up hooks only
 * afterwards: a backlog taken at once was evaluated against no line and no rule and raised nothing.
 */
describe('rules: a backlog waiting when a fresh instance starts', () => {
  const h = new RulesHarness();

  afterAll(() => h.stop(), 60_000);

  it('evaluates the backlog against the seeded lines and rules: every household below the line alerted', async () => {
    const ids = Array.from({ length: HOUSEHOLDS }, (_, i) => `backlog-hh-${String(i).padStart(4, '0')}`);
    // the topic as the app makes it (its partitions), filled before the app's first start
    await h.kafka.createTopics([h.topic(Topics.monitoring)], Number(h.env().KAFKA_PARTITIONS));
    await h.send(
      ids.map((id) => ({ subject: id, topic: Topics.monitoring, value: incomeChanged(id, 4000) })),
    );
    const app = await h.startInstance();
    await h.settle();
    const all = await app.get<Page<AlertView>>('/api/v1/alerts?ruleId=income-below-line&pageSize=500');
    expect(all.body.total).toBe(HOUSEHOLDS);
    expect(new Set(all.body.items.map((a) => a.subjectId))).toEqual(new Set(ids));

    // and the order it started in: the application (its start-up hooks) ready before the consumer
    const messages = fs
      .readFileSync(app.logFile, 'utf8')
      .split('\n')
      .map((line) => /"msg":"([^"]*)"/.exec(line)?.[1])
      .filter((m): m is string => m !== undefined);
    const ready = messages.indexOf('Nest application successfully started');
    const consuming = messages.indexOf('Nest microservice successfully started');
    expect({ ready: ready >= 0, consuming: consuming >= 0 }).toEqual({ ready: true, consuming: true });
    expect(ready).toBeLessThan(consuming);
  }, 240_000);
});
