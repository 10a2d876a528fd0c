import { Controller, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern } from '@nestjs/microservices';
import { createEvent, DeadLetterHeaders, deadLetterTopic, SurveyRecordedV1, Topics } from '@lib/contracts';
import { infra, KafkaProbe, uniqueRunId, waitFor } from '@lib/testing';
import { KafkaBatchServer } from './kafka-batch.server';
import { PermanentEventError } from './errors';
import { RethrowEventHandlerErrors } from './rethrow-errors.filter';

const handled: string[] = [];
let flaky = 0;

@Controller()
class SurveyHandlers {
  @EventPattern(SurveyRecordedV1.type)
  async onSurvey(e: SurveyRecordedV1) {
    if (e.data.visitor === 'poison') throw new PermanentEventError('visitor is not a known cadre');
    if (e.data.visitor === 'always-fails') throw new Error('boom');
    if (e.data.visitor === 'flaky' && flaky++ < 2) throw new Error('temporary glitch');
    handled.push(e.data.surveyId);
  }
}

function survey(surveyId: string, visitor: string, month = '2026-10') {
  return createEvent({
    type: SurveyRecordedV1.type,
    source: 'test',
    subject: 'hh-1',
    data: {
      surveyId,
      householdId: 'hh-1',
      townCode: '621299101',
      villageCode: '621299101201',
      month,
      visitedAt: new Date().toISOString(),
      visitor,
      income: { wage: 1, business: 0, property: 0, transfer: 0, businessCosts: 0 },
      netIncome: 1,
      residentMembers: 1,
      perCapitaNetIncome: 1,
    },
  });
}

describe('KafkaBatchServer against the real broker', () => {
  const runId = uniqueRunId('dlq');
  const prefix = `${runId}.`;
  const topic = `${prefix}${Topics.monitoring}`;
  const probe = new KafkaProbe();
  let app: INestMicroservice;
  let server: KafkaBatchServer;

  beforeAll(async () => {
    server = new KafkaBatchServer({
      kafka: { brokers: infra.kafkaBrokers, clientId: runId, topicPrefix: prefix, partitions: 1 },
      groupId: `${prefix}test`,
      topics: [Topics.monitoring],
      retryInitialMs: 10,
      maxAttempts: 3,
    });
    app = await NestFactory.createMicroservice(
      { module: class TestModule {}, controllers: [SurveyHandlers] } as never,
      {
        strategy: server,
        logger: false,
      },
    );
    app.useGlobalFilters(new RethrowEventHandlerErrors());
    await app.listen();
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await probe.close();
  });

  it('dead-letters bad records with their reason and carries on with the good ones, in order', async () => {
    const bad = survey('s-bad', 'x', '2026-13');
    const good = [survey('s-1', 'a'), survey('s-2', 'flaky'), survey('s-3', 'b')];
    const { id: _drop, ...noId } = survey('s-noid', 'x');
    await probe.send(topic, [
      { key: 'hh-1', value: 'this is not json' },
      { key: 'hh-1', value: JSON.stringify(good[0]) },
      { key: 'hh-1', value: JSON.stringify(noId) },
      { key: 'hh-1', value: JSON.stringify(bad) },
      { key: 'hh-1', value: JSON.stringify(survey('s-poison', 'poison')) },
      { key: 'hh-1', value: JSON.stringify(good[1]) },
      { key: 'hh-1', value: JSON.stringify(survey('s-fails', 'always-fails')) },
      { key: 'hh-1', value: JSON.stringify(good[2]) },
    ]);

    await waitFor('the good records', () => handled.length >= 3, { timeoutMs: 30_000 });
    expect(handled).toEqual(['s-1', 's-2', 's-3']);

    const dead = await probe.readAll(deadLetterTopic(topic));
    const reasons = dead.map((m) => m.headers![DeadLetterHeaders.reason]!.toString());
    expect(reasons).toHaveLength(5);
    expect(reasons[0]).toMatch(/not JSON/);
    expect(reasons[1]).toMatch(/invalid CloudEvent envelope: id/);
    expect(reasons[2]).toMatch(/invalid survey\.recorded\.v1 data: data\.month/);
    expect(reasons[3]).toMatch(/rejected by handler: visitor is not a known cadre/);
    expect(reasons[4]).toMatch(/handler failed after 3 attempts: boom/);
    for (const m of dead) {
      expect(m.headers![DeadLetterHeaders.originalTopic]!.toString()).toBe(topic);
      expect(m.headers![DeadLetterHeaders.originalOffset]).toBeDefined();
    }
    // the original bytes are kept, so a fixed consumer can replay them
    expect(dead[0].value!.toString()).toBe('this is not json');

    await probe.waitForNoLag(`${prefix}test`, topic);
  }, 60_000);

  it('refuses to start when a handler names an event its topics do not carry', () => {
    const wrong = new KafkaBatchServer({
      kafka: { brokers: infra.kafkaBrokers, clientId: runId, topicPrefix: prefix, partitions: 1 },
      groupId: `${prefix}wrong`,
      topics: [Topics.households],
    });
    wrong.addHandler(SurveyRecordedV1.type, async () => undefined, true);
    expect(() => wrong.checkHandlers()).toThrow(/survey\.recorded\.v1.*not consumed/);
  });
});
