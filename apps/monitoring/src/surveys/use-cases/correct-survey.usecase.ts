import { Injectable } from '@nestjs/common';
import { notFound, Principal, Scope } from '@lib/auth';
import { CorrectSurveyBody, createEvent, residentsProblem, SurveyCorrectedV1 } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { HouseholdDirectory } from '../../household-directory/household-directory.store';
import { membersNow } from '../../household-directory/known-household.schema';
import { HouseholdIncome } from '../../household-income/household-income.service';
import { currentFigure } from '../../household-income/domain/income-figure';
import { incomeChangedEvent } from '../../household-income/domain/income-events';
import { applyCorrection } from '../domain/correction';
import { SURVEY_CONTENT_FIELDS, SurveyContent, SurveyRevision } from '../survey.schema';
import { surveyEventData, surveyFact } from '../survey-events';
import { SurveysStore } from '../surveys.store';

/**
 * 更正: a new revision of a survey. The correction (who, when, why, what changed and what it was)
 * is stored insert-only with its events (survey.corrected.v1, and household-income.changed.v1 when
 * the household's figure moves); the survey then shows the new revision.
 */
@Injectable()
export class CorrectSurvey {
  constructor(
    private readonly surveys: SurveysStore,
    private readonly income: HouseholdIncome,
    private readonly directory: HouseholdDirectory,
  ) {}

  async execute(scope: Scope, caller: Principal, id: string, body: CorrectSurveyBody) {
    const survey = await this.surveys.findCurrent(scope, id);
    if (!survey) throw notFound(`未找到该走访记录 (no survey ${id})`);
    const current = Object.fromEntries(
      SURVEY_CONTENT_FIELDS.filter((k) => survey[k] !== undefined).map((k) => [k, survey[k]]),
    ) as unknown as SurveyContent;
    current.missingIncomeComponents ??= [];
    current.hasMissingIncomeComponents ??= current.missingIncomeComponents.length > 0;
    if (body.changes.residentMembers !== undefined) {
      const household = await this.directory.findById(scope, survey.householdId);
      const residents = household && residentsProblem(body.changes.residentMembers, membersNow(household));
      if (residents) throw fieldError(`changes.${residents.field}`, residents.reason);
    }
    const { next, changedFields, previousValues } = applyCorrection(current, body.changes);
    if (changedFields.length === 0)
      throw fieldError('changes', '更正内容与现有记录相同 (the changes leave the survey as it is)');

    const now = new Date();
    const revision = survey.revision + 1;
    const correctedBy = caller.name || caller.sub;
    const corrected = createEvent({
      type: SurveyCorrectedV1.type,
      source: 'monitoring',
      subject: survey.householdId,
      townId: survey.townCode,
      villageId: survey.villageCode,
      time: now,
      data: {
        ...surveyEventData({ ...survey, ...next }),
        correction: {
          revision,
          correctedBy,
          correctedAt: now.toISOString(),
          reason: body.reason,
          changedFields,
          previousPerCapitaNetIncome: survey.perCapitaNetIncome,
        },
      },
    });
    const { surveys, payments } = await this.income.factsOf(survey.householdId);
    const others = surveys.filter((s) => s.surveyId !== id);
    const before = [...others, surveyFact(survey)];
    const after = [...others, surveyFact({ ...survey, ...next })];
    const incomeChanged = incomeChangedEvent({
      householdId: survey.householdId,
      townCode: survey.townCode,
      villageCode: survey.villageCode,
      before: currentFigure(before, payments),
      after: currentFigure(after, payments),
      surveys: after,
      payments,
      cause: { kind: 'survey-correction', id, revision },
      time: now,
    });
    const record: SurveyRevision = {
      _id: `${id}:${revision}`,
      surveyId: id,
      householdId: survey.householdId,
      revision,
      countyCode: survey.countyCode,
      townCode: survey.townCode,
      villageCode: survey.villageCode,
      correctedBy: caller.sub,
      correctedByName: correctedBy,
      correctedAt: now,
      reason: body.reason,
      changedFields,
      previousValues: Object.entries(previousValues).map(([field, value]) => ({ field, value })),
      snapshot: next,
    };
    await this.surveys.addRevision(record, incomeChanged ? [corrected, incomeChanged] : [corrected]);
    await this.surveys.applyRevision(record);
    const { _id, ...rest } = { ...survey, ...next, revision, correctedAt: now };
    return { id: _id, ...rest, correction: { revision, changedFields, previousValues, reason: body.reason } };
  }
}
