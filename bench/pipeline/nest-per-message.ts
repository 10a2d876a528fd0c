/**
 * Baseline (b): the same evaluation written the usual @nestjs/microservices way — Nest's built-in
 * Kafka transport (Transport.KAFKA / ServerKafka, kafkajs eachMessage with one partition at a time,
 * offsets committed every 200 ms) and an @EventPattern(topic) handler that gets ONE
 * household-income.changed.v1 and hands it to the rules app's own evaluation module
 * (apps/rules/src/evaluation: subject state, rule book seeded from the default catalogue, open
 * alerts, alert insert with its alert.raised.v1 in the outbox, relayed by the same OutboxRelay),
 * as a run of one event. Same validation (CloudEvent envelope + data schema), same repositories,
 * schemas and indexes as rules, its own database. Only the transport and the batch size differ.
 * Env: BENCH_TOPIC, BENCH_GROUP (Nest appends "-server"), BENCH_PREFIX (topic prefix of the alerts
 * topic), KAFKA_BROKERS, MONGO_URL, MONGO_DB.
 */
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { MongooseModule } from '@nestjs/mongoose';
import { cloudEventEnvelopeSchema, HouseholdIncomeChangedV1, Topics } from '@lib/contracts';
import { MessagingModule } from '@lib/messaging';
import { CollectionsSetup } from '@lib/service-kit';
import { Alert, AlertSchema } from '../../apps/rules/src/alerts/alert.schema';
import { AlertResolution, AlertResolutionSchema } from '../../apps/rules/src/alerts/alert-resolution.schema';
import { AlertsRepository } from '../../apps/rules/src/alerts/alerts.repository';
import { EvaluateEvents } from '../../apps/rules/src/evaluation/use-cases/evaluate-events.usecase';
import {
  RuleVersionDoc,
  RuleVersionDocSchema,
  RuleVersionsRepository,
} from '../../apps/rules/src/rules/rule-versions.repository';
import { ScheduleRun, ScheduleRunSchema } from '../../apps/rules/src/schedule/schedule-run.schema';
import { StorageInit } from '../../apps/rules/src/storage-init';
import {
  SubjectsStore,
  SubjectVersion,
  SubjectVersionSchema,
} from '../../apps/rules/src/subjects/subjects.store';
import { HeldSubjects } from '../../apps/rules/src/evaluation/held-subjects';
import { SubjectsPointer } from '../../apps/rules/src/replay/subjects-pointer';
import {
  ThresholdRow,
  ThresholdRowSchema,
  ThresholdsRepository,
} from '../../apps/rules/src/thresholds/thresholds.repository';

const TOPIC = process.env.BENCH_TOPIC!;
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

@Controller()
class IncomeHandler {
  constructor(private readonly evaluation: EvaluateEvents) {}

  @EventPattern(TOPIC)
  async onIncome(@Payload() value: unknown) {
    // the same contract check the batch transport does (envelope, then the data schema)
    const envelope = cloudEventEnvelopeSchema.parse(value);
    const event = {
      ...envelope,
      data: HouseholdIncomeChangedV1.schema.parse(envelope.data),
    } as HouseholdIncomeChangedV1;
    await this.evaluation.execute([event]);
  }
}

@Module({
  imports: [
    MongooseModule.forRoot(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017', {
      dbName: process.env.MONGO_DB,
      serverSelectionTimeoutMS: 5_000,
      autoCreate: false,
      autoIndex: false,
    }),
    MessagingModule.forRoot({
      publishes: [Topics.rulesAlerts],
      useFactory: () => ({
        brokers: BROKERS,
        clientId: 'bench-nest',
        topicPrefix: process.env.BENCH_PREFIX ?? '',
        partitions: 6,
      }),
    }),
    MongooseModule.forFeature([
      { name: Alert.name, schema: AlertSchema },
      { name: AlertResolution.name, schema: AlertResolutionSchema },
      { name: SubjectVersion.name, schema: SubjectVersionSchema },
      { name: ThresholdRow.name, schema: ThresholdRowSchema },
      { name: RuleVersionDoc.name, schema: RuleVersionDocSchema },
      { name: ScheduleRun.name, schema: ScheduleRunSchema },
    ]),
  ],
  controllers: [IncomeHandler],
  providers: [
    AlertsRepository,
    SubjectsStore,
    HeldSubjects, // nothing is held: Nest's transport announces no partitions, every event is read
    ThresholdsRepository,
    RuleVersionsRepository,
    EvaluateEvents,
    CollectionsSetup,
    StorageInit,
    SubjectsPointer, // names the subjects collection (the rules app's own read-model pointer, issue 17 replay)
  ],
})
class PerMessageModule {}

async function main() {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(PerMessageModule, {
    logger: ['error', 'warn'],
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'bench-nest', brokers: BROKERS },
      consumer: { groupId: process.env.BENCH_GROUP!, allowAutoTopicCreation: false },
      subscribe: { fromBeginning: true },
      // kafkajs' default commits only when a whole fetched batch (often 1,000+ records here) is
      // handled, which the bench's "committed offset passed" probe would read as no progress at all;
      // committing the handled offsets every 200 ms costs a few commits a second and measures fairly
      run: { autoCommitInterval: 200 },
    },
  });
  app.enableShutdownHooks();
  await app.listen();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
