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
import { createHash } from 'node:crypto';
import { Model } from 'mongoose';
import {
  AlertRaisedV1,
  AlertResolvedV1,
  cloudEventEnvelopeSchema,
  createEvent,
  orgUnitsOfVillage,
  SurveyRecordedV1,
} from '@lib/contracts';
import { outboxOnInsert, outboxOnUpdate } from '@lib/messaging';
import { Alert, AlertSchema, openKeyOf } from '../../apps/rules/src/alerts/alert.schema';
import {
  HouseholdSubject,
  HouseholdSubjectSchema,
} from '../../apps/rules/src/subjects/household-subject.schema';
import {
  evaluateIncomeBelowLine,
  INCOME_BELOW_LINE,
} from '../../apps/rules/src/income-rule/income-below-line';
import { pickThreshold } from '../../apps/rules/src/thresholds/threshold';
import { DEFAULT_THRESHOLDS } from '../../apps/rules/src/thresholds/default-thresholds';

const TOPIC = process.env.BENCH_TOPIC!;
const KEEP_APPLIED = 50;
const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;

function raisedEvent(a: Alert): AlertRaisedV1 {
  return createEvent({
    type: AlertRaisedV1.type,
    source: 'rules',
    subject: a.subjectId,
    townId: a.townCode,
    villageId: a.villageCode,
    id: `alert-raised-${a._id}`,
    time: a.raisedAt,
    data: {
      alertId: a._id,
      ruleId: a.ruleId,
      ruleVersion: a.ruleVersion,
      severity: a.severity,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      townCode: a.townCode,
      villageCode: a.villageCode,
      period: a.period,
      title: a.title,
      message: a.message,
      explanation: a.explanation as AlertRaisedV1['data']['explanation'],
      recipientRoles: a.recipientRoles,
      raisedAt: a.raisedAt.toISOString(),
    },
  });
}

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
      const alert: Alert = {
        _id: createHash('sha256').update(`${INCOME_BELOW_LINE.id}|${e.id}`).digest('hex').slice(0, 32),
        ruleId: INCOME_BELOW_LINE.id,
        ruleVersion: INCOME_BELOW_LINE.version,
        severity: INCOME_BELOW_LINE.severity,
        subjectType: 'household',
        subjectId: d.householdId,
        countyCode: org.countyCode,
        townCode: d.townCode,
        villageCode: d.villageCode,
        period: d.month,
        title: INCOME_BELOW_LINE.title,
        message: result.message,
        explanation: result.facts,
        recipientRoles: INCOME_BELOW_LINE.recipientRoles,
        status: 'open',
        openKey: openKeyOf(d.householdId, INCOME_BELOW_LINE.id),
        triggeredBy: e.id,
        raisedAt: new Date(),
        resolvedAt: null,
        resolution: null,
      };
      await this.alerts.collection
        .insertOne({ ...alert, ...outboxOnInsert([raisedEvent(alert)]) } as never)
        .catch((err) => {
          if (!isDuplicateKey(err)) throw err;
        });
    } else if (result.evaluated && !result.breached && current) {
      const now = new Date();
      const outbox = outboxOnUpdate([
        createEvent({
          type: AlertResolvedV1.type,
          source: 'rules',
          subject: current.subjectId,
          townId: current.townCode,
          villageId: current.villageCode,
          id: `alert-resolved-${current._id}`,
          time: now,
          data: {
            alertId: current._id,
            ruleId: current.ruleId,
            subjectId: current.subjectId,
            resolution: 'auto',
            resolvedAt: now.toISOString(),
          },
        }),
      ]);
      await this.alerts.collection.updateOne(
        { _id: current._id, status: { $ne: 'resolved' } } as never,
        {
          $set: {
            status: 'resolved',
            resolvedAt: now,
            resolution: 'auto',
            openKey: `${current.openKey}|${current._id}`,
            ...outbox.$set,
          },
          $push: outbox.$push,
        } as never,
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
