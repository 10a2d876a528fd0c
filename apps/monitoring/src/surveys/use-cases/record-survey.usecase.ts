import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal, Scope } from '@lib/auth';
import {
  createEvent,
  orgUnitsOfVillage,
  RecordSurveyBody,
  residentsProblem,
  SurveyRecordedV1,
  surveyFigures,
} from '@lib/contracts';
import { refuseIfClosed } from '@lib/persistence';
import { fieldError } from '@lib/service-kit';
import { HouseholdDirectory } from '../../household-directory/household-directory.store';
import { membersNow } from '../../household-directory/known-household.schema';
import { HouseholdIncome } from '../../household-income/household-income.service';
import { currentFigure } from '../../household-income/domain/income-figure';
import { incomeChangedEvent } from '../../household-income/domain/income-events';
import { Survey } from '../survey.schema';
import { surveyEventData, surveyFact } from '../survey-events';
import { SurveysStore } from '../surveys.store';

/**
 * Records a monthly survey, computes per-capita net income and announces it — with the household's
 * new income figure (household-income.changed.v1) in the same write.
 */
@Injectable()
export class RecordSurvey {
  constructor(
    private readonly directory: HouseholdDirectory,
    private readonly surveys: SurveysStore,
    private readonly income: HouseholdIncome,
  ) {}

  async execute(scope: Scope, caller: Principal | undefined, body: RecordSurveyBody) {
    // a household outside the caller's scope is as unknown as one that does not exist
    const household = await this.directory.findById(scope, body.householdId);
    if (!household) throw fieldError('householdId', '未知的户 (no such household in the registry)');
    refuseIfClosed(household, 'householdId', '不再走访', { withReason: true });
    // the device's id recorded again (a retried or doubled upload): the survey already stored
    if (body.id) {
      const again = await this.replayOf(scope, body);
      if (again) return again;
    }
    // the phone and the form check it too, with the same field and words
    const residents = residentsProblem(body.residentMembers, membersNow(household));
    if (residents) throw fieldError(residents.field, residents.reason);
    const now = new Date();
    const survey: Survey = {
      _id: body.id ?? randomUUID(),
      householdId: household._id,
      month: body.month,
      countyCode: orgUnitsOfVillage(household.villageCode).countyCode,
      townCode: household.townCode,
      villageCode: household.villageCode,
      visitedAt: body.visitedAt ? new Date(body.visitedAt) : now,
      visitor: body.visitor,
      ...surveyFigures(body.income, body.residentMembers),
      ...(body.gps ? { gps: body.gps } : {}),
      ...(body.rigidSpending ? { rigidSpending: body.rigidSpending } : {}),
      ...(body.guarantees ? { guarantees: body.guarantees } : {}),
      ...(body.employmentChanges ? { employmentChanges: body.employmentChanges } : {}),
      ...(body.riskTypes ? { riskTypes: body.riskTypes } : {}),
      ...(body.notes ? { notes: body.notes } : {}),
      ...(body.photos ? { photos: body.photos } : {}),
      ...(caller ? { recordedBy: caller.name || caller.sub } : {}),
      recordedAt: now,
      revision: 1,
    };
    const recorded = createEvent({
      type: SurveyRecordedV1.type,
      source: 'monitoring',
      subject: survey.householdId,
      townId: survey.townCode,
      villageId: survey.villageCode,
      time: now,
      data: surveyEventData(survey),
    });
    const { surveys, payments } = await this.income.factsOf(survey.householdId);
    const withThis = [...surveys, surveyFact(survey)];
    const incomeChanged = incomeChangedEvent({
      householdId: survey.householdId,
      townCode: survey.townCode,
      villageCode: survey.villageCode,
      before: currentFigure(surveys, payments),
      after: currentFigure(withThis, payments),
      surveys: withThis,
      payments,
      cause: { kind: 'survey', id: survey._id },
      time: now,
    });
    const stored = await this.surveys.create(
      scope,
      survey,
      incomeChanged ? [recorded, incomeChanged] : [recorded],
    );
    if (stored === 'exists') {
      // the same id landed meanwhile (two uploads of one survey racing)
      const again = await this.replayOf(scope, body);
      if (again) return again;
    }
    const { _id, ...rest } = survey;
    return { id: _id, ...rest };
  }

  /** The survey stored under the body's id, answered again (`replayed: true`); a different household is refused. */
  private async replayOf(scope: Scope, body: RecordSurveyBody) {
    const doc = body.id ? await this.surveys.findCurrent(scope, body.id) : null;
    if (!doc) return null;
    if (doc.householdId !== body.householdId || doc.month !== body.month)
      throw fieldError(
        'id',
        '该走访编号已用于另一户或另一月份 (this survey id belongs to another household or month)',
      );
    const { _id, ...rest } = doc;
    return { id: _id, ...rest, replayed: true };
  }
}
