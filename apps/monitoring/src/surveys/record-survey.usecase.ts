import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Scope } from '@lib/auth';
import { createEvent, orgUnitsOfVillage, SurveyRecordedV1 } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { HouseholdDirectory } from '../household-directory/household-directory';
import { computeIncome } from './income';
import { RecordSurveyBody } from './record-survey.dto';
import { Survey } from './survey.schema';
import { SurveysRepository } from './surveys.repository';

/** Records a monthly survey, computes per-capita net income and announces it. */
@Injectable()
export class RecordSurvey {
  constructor(
    private readonly directory: HouseholdDirectory,
    private readonly surveys: SurveysRepository,
  ) {}

  async execute(scope: Scope, body: RecordSurveyBody) {
    // a household outside the caller's scope is as unknown as one that does not exist
    const household = await this.directory.findById(scope, body.householdId);
    if (!household) throw fieldError('householdId', '未知的户 (no such household in the registry)');
    const figures = computeIncome(body.income, body.residentMembers);
    const now = new Date();
    const survey: Survey = {
      _id: randomUUID(),
      householdId: household._id,
      month: body.month,
      countyCode: orgUnitsOfVillage(household.villageCode).countyCode,
      townCode: household.townCode,
      villageCode: household.villageCode,
      visitedAt: body.visitedAt ? new Date(body.visitedAt) : now,
      visitor: body.visitor,
      income: body.income,
      residentMembers: body.residentMembers,
      netIncome: figures.netIncome,
      perCapitaNetIncome: figures.perCapitaNetIncome,
      recordedAt: now,
    };
    const event = createEvent({
      type: SurveyRecordedV1.type,
      source: 'monitoring',
      subject: survey.householdId,
      townId: survey.townCode,
      villageId: survey.villageCode,
      time: now,
      data: {
        surveyId: survey._id,
        householdId: survey.householdId,
        townCode: survey.townCode,
        villageCode: survey.villageCode,
        month: survey.month,
        visitedAt: survey.visitedAt.toISOString(),
        visitor: survey.visitor,
        income: survey.income,
        netIncome: survey.netIncome,
        residentMembers: survey.residentMembers,
        perCapitaNetIncome: survey.perCapitaNetIncome,
      },
    });
    await this.surveys.create(scope, survey, [event]);
    const { _id, ...rest } = survey;
    return { id: _id, ...rest };
  }
}
