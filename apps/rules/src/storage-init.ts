import { Injectable, OnModuleInit } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { Inject } from '@nestjs/common';
import { Model, Schema } from 'mongoose';
import { Alert, AlertSchema } from './alerts/alert.schema';
import { AlertsRepository } from './alerts/alerts.repository';
import {
  RuleVersionDoc,
  RuleVersionDocSchema,
  RuleVersionsRepository,
} from './rules/rule-versions.repository';
import { ScheduleRun, ScheduleRunSchema } from './schedule/scheduler';
import { SubjectDoc, SubjectDocSchema } from './subjects/subjects.repository';
import { ThresholdRow, ThresholdRowSchema, ThresholdsRepository } from './thresholds/thresholds.repository';

/** Collections and indexes are made here, one after the other, not by each model on its own. */
for (const schema of [
  AlertSchema,
  SubjectDocSchema,
  ThresholdRowSchema,
  RuleVersionDocSchema,
  ScheduleRunSchema,
] as Schema[]) {
  schema.set('autoIndex', false);
  schema.set('autoCreate', false);
}

/**
 * Prepares storage at start, strictly in sequence: each collection and its indexes, then the seeds
 * (monitoring lines, default rule catalogue), then the county-code backfill of old alerts.
 * FerretDB 1.24 can wedge a fresh database for good when collections are created, indexed and
 * written to concurrently (seen here: every later command on that database hangs).
 */
@Injectable()
export class StorageInit implements OnModuleInit {
  constructor(
    @Inject(getModelToken(Alert.name)) private readonly alerts: Model<Alert>,
    @Inject(getModelToken(SubjectDoc.name)) private readonly subjects: Model<SubjectDoc>,
    @Inject(getModelToken(ThresholdRow.name)) private readonly thresholdRows: Model<ThresholdRow>,
    @Inject(getModelToken(RuleVersionDoc.name)) private readonly ruleVersions: Model<RuleVersionDoc>,
    @Inject(getModelToken(ScheduleRun.name)) private readonly scheduleRuns: Model<ScheduleRun>,
    private readonly alertsRepository: AlertsRepository,
    private readonly thresholds: ThresholdsRepository,
    private readonly versions: RuleVersionsRepository,
  ) {}

  async onModuleInit() {
    const existing = new Set(
      (await this.alerts.db.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name),
    );
    for (const model of [
      this.alerts,
      this.subjects,
      this.thresholdRows,
      this.scheduleRuns,
      this.ruleVersions,
    ] as Model<unknown>[]) {
      if (!existing.has(model.collection.collectionName)) await model.createCollection();
      await model.createIndexes();
    }
    await this.thresholds.seed();
    await this.versions.seed();
    await this.alertsRepository.backfillCountyCodes();
  }
}
