/**
 * Baseline (b): the same survey evaluation written the usual @nestjs/microservices way —
 * Nest's built-in Kafka transport (Transport.KAFKA / ServerKafka, default run options, i.e.
 * kafkajs eachMessage with one partition at a time) and an @EventPattern(topic) handler that gets
 * ONE message and does, per survey, what rules does per survey:
 *   read the household subject + its open alert, evaluate the income rule, insert the alert (with its
 *   alert.raised.v1 in the document's outbox, as rules does) or resolve the open one when back above
 *   the line, then update the subject (idempotent: applied event ids).
 * Same validation (CloudEvent envelope + data schema), same schemas and indexes (the rules
 * app's mongoose schemas), its own database. No outbox relay runs here (a small advantage to it).
 * Env: BENCH_TOPIC, BENCH_GROUP (Nest appends "-server"), KAFKA_BROKERS, MONGO_URL, MONGO_DB.
 */
import 'reflect-metadata';
import { Controller, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { InjectModel, MongooseModule } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { cloudEventEnvelopeSchema, orgUnitsOfVillage, SurveyRecordedV1 } from '@lib/contracts';
import { outboxOnInsert } from '@lib/messaging';
import { Alert, AlertSchema, openKeyOf } from '../../apps/rules/src/alerts/alert.schema';
import {
  HouseholdSubject,
  HouseholdSubjectSchema,
} from '../../apps/rules/src/subjects/household-subject.schema';
import { alertRaisedEvent, resolveAlertUpdate } from '../../apps/rules/src/alerts/alert-events';
import { newIncomeAlert } from '../../apps/rules/src/income-rule/income-alert';
import {
  evaluateIncomeBelowLine,
  INCOME_BELOW_LINE,
} from '../../apps/rules/src/income-rule/income-below-line';
import { pickThreshold } from '../../apps/rules/src/thresholds/threshold';
import { DEFAULT_THRESHOLDS } from '../../apps/rules/src/thresholds/default-thresholds';

const TOPIC = process.env.BENCH_TOPIC!;
const KEEP_APPLIED = 50;
const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;

@Injectable()
class PerMessageEvaluation {
  constructor(
    @InjectModel(Alert.name) private readonly alerts: Model<Alert>,
    @InjectModel(HouseholdSubject.name) private readonly subjects: Model<HouseholdSubject>,
  ) {}

  async evaluate(e: SurveyRecordedV1): Promise<void> {
    const d = e.data;
    const [subject, current] = await Promise.all([
      this.subjects.findById(d.householdId).lean().exec(),
      this.alerts
        .findOne({ openKey: openKeyOf(d.householdId, INCOME_BELOW_LINE.id) })
        .lean()
        .exec(),
    ]);
    if (subject?.appliedEventIds.includes(e.id)) return; // redelivered
    const org = orgUnitsOfVillage(d.villageCode);
    const threshold = pickThreshold(DEFAULT_THRESHOLDS, org, Number(d.month.slice(0, 4)));
    const result = evaluateIncomeBelowLine(
      {
        householdNumber: subject?.householdNumber ?? null,
        month: d.month,
        perCapitaNetIncome: d.perCapitaNetIncome,
        netIncome: d.netIncome,
        residentMembers: d.residentMembers,
      },
      threshold,
    );
    if (result.evaluated && result.breached && !current) {
      const alert = newIncomeAlert(e, result);
      await this.alerts.collection
        .insertOne({ ...alert, ...outboxOnInsert([alertRaisedEvent(alert)]) } as never)
        .catch((err) => {
          if (!isDuplicateKey(err)) throw err;
        });
    } else if (result.evaluated && !result.breached && current) {
      await this.alerts.collection.updateOne(
        { _id: current._id, status: { $ne: 'resolved' } } as never,
        resolveAlertUpdate(current, 'auto', new Date()) as never,
      );
    }
    await this.subjects
      .updateOne(
        { _id: d.householdId, appliedEventIds: { $ne: e.id } },
        {
          $set: {
            lastSurvey: {
              surveyId: d.surveyId,
              month: d.month,
              perCapitaNetIncome: d.perCapitaNetIncome,
              netIncome: d.netIncome,
            },
          },
          $setOnInsert: {
            provinceCode: org.provinceCode,
            countyCode: org.countyCode,
            townCode: org.townCode,
            villageCode: org.villageCode,
          },
          $push: { appliedEventIds: { $each: [e.id], $slice: -KEEP_APPLIED } },
        },
        { upsert: true },
      )
      .exec()
      .catch((err) => {
        if (!isDuplicateKey(err)) throw err;
      });
  }
}

@Controller()
class SurveyHandler {
  constructor(private readonly evaluation: PerMessageEvaluation) {}

  @EventPattern(TOPIC)
  async onSurvey(@Payload() value: unknown) {
    // the same contract check the batch transport does (envelope, then the data schema)
    const envelope = cloudEventEnvelopeSchema.parse(value);
    const event = { ...envelope, data: SurveyRecordedV1.schema.parse(envelope.data) } as SurveyRecordedV1;
    await this.evaluation.evaluate(event);
  }
}

@Module({
  imports: [
    MongooseModule.forRoot(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017', {
      dbName: process.env.MONGO_DB,
      serverSelectionTimeoutMS: 5_000,
    }),
    MongooseModule.forFeature([
      { name: Alert.name, schema: AlertSchema },
      { name: HouseholdSubject.name, schema: HouseholdSubjectSchema },
    ]),
  ],
  controllers: [SurveyHandler],
  providers: [PerMessageEvaluation],
})
class PerMessageModule {}

async function main() {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(PerMessageModule, {
    logger: ['error', 'warn'],
    transport: Transport.KAFKA,
    options: {
      client: {
        clientId: 'bench-nest',
        brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      },
      consumer: { groupId: process.env.BENCH_GROUP!, allowAutoTopicCreation: false },
      subscribe: { fromBeginning: true },
    },
  });
  app.enableShutdownHooks();
  await app.listen();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
