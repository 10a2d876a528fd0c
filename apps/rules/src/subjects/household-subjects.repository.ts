import { findEach } from '@lib/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { HouseholdRegisteredV1, orgUnitsOfVillage, SurveyRecordedV1 } from '@lib/contracts';
import { HouseholdSubject } from './household-subject.schema';

const KEEP_APPLIED = 50;

@Injectable()
export class HouseholdSubjectsRepository {
  constructor(@InjectModel(HouseholdSubject.name) private readonly model: Model<HouseholdSubject>) {}

  async byIds(ids: string[]): Promise<Map<string, HouseholdSubject>> {
    const docs = await findEach(this.model, '_id', ids);
    return new Map(docs.map((d) => [d._id, d]));
  }

  /** Registration facts; idempotent (an applied event id is skipped in the same update). */
  async applyRegistered(e: HouseholdRegisteredV1): Promise<void> {
    const d = e.data;
    await this.model
      .updateOne(
        { _id: d.householdId, appliedEventIds: { $ne: e.id } },
        {
          $set: {
            householdNumber: d.householdNumber,
            provinceCode: d.provinceCode,
            countyCode: d.countyCode,
            townCode: d.townCode,
            villageCode: d.villageCode,
            householdType: d.householdType,
            monitoringCategory: d.monitoringCategory,
            memberCount: d.memberCount,
          },
          $push: { appliedEventIds: { $each: [e.id], $slice: -KEEP_APPLIED } },
        },
        { upsert: true },
      )
      .catch((err) => {
        // The guard did not match an existing doc, so the upsert collided: the event was applied already.
        if ((err as { code?: number }).code !== 11000) throw err;
      });
  }

  /** Marks surveys applied and keeps the last survey's facts, in one bulk write. */
  async applySurveys(events: SurveyRecordedV1[]): Promise<void> {
    if (events.length === 0) return;
    const ops: AnyBulkWriteOperation<HouseholdSubject>[] = events.map((e) => {
      const d = e.data;
      const org = orgUnitsOfVillage(d.villageCode);
      return {
        updateOne: {
          filter: { _id: d.householdId, appliedEventIds: { $ne: e.id } },
          update: {
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
          upsert: true,
        },
      };
    });
    await this.model.bulkWrite(ops, { ordered: true }).catch((err) => {
      const writeErrors = (err as { writeErrors?: Array<{ code?: number }> }).writeErrors;
      if (!writeErrors?.every((w) => w.code === 11000)) throw err;
    });
  }
}
