import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, notFound, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { CorrectSurvey } from './use-cases/correct-survey.usecase';
import { CorrectSurveyBody, RecordSurveyBody, MonitoringPermissions, pickThreshold } from '@lib/contracts';
import { ReadThresholds } from '../thresholds/use-cases/read-thresholds.usecase';
import { ListSurveysQuery } from './list-surveys.dto';
import { RecordSurvey } from './use-cases/record-survey.usecase';
import { SurveysStore } from './surveys.store';

function present<T extends { _id: string }>(doc: T) {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

const PositionsQuery = z
  .object({
    townCode: z
      .string()
      .regex(/^\d{9}$/, '须为乡镇代码（9 位）')
      .optional(),
    villageCode: z
      .string()
      .regex(/^\d{12}$/, '须为村代码（12 位）')
      .optional(),
  })
  .strict();

const SurveyId = new ZodValidationPipe(z.string().uuid('须为走访记录编号（UUID）'));

@Controller('api/v1/surveys')
export class SurveysController {
  constructor(
    private readonly record: RecordSurvey,
    private readonly correct: CorrectSurvey,
    private readonly surveys: SurveysStore,
    private readonly thresholds: ReadThresholds,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...MonitoringPermissions.writeSurveys)
  create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Body(new ZodValidationPipe(RecordSurveyBody)) body: RecordSurveyBody,
  ) {
    return this.record.execute(scope, caller, body);
  }

  /** 一张图: the latest known position of each household (from survey GPS) of a town or village in scope. */
  @Get('positions')
  @Roles(...MonitoringPermissions.readSurveys)
  async positions(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(PositionsQuery)) q: z.infer<typeof PositionsQuery>,
  ) {
    return { items: await this.surveys.positions(scope, q) };
  }

  /** 更正: a new revision of the survey; the earlier ones stay in its history. */
  @Post(':id/corrections')
  @HttpCode(201)
  @Roles(...MonitoringPermissions.writeSurveys)
  correction(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', SurveyId) id: string,
    @Body(new ZodValidationPipe(CorrectSurveyBody)) body: CorrectSurveyBody,
  ) {
    return this.correct.execute(scope, caller, id, body);
  }

  /** The survey's history: revision 1 as recorded, then each correction (who, when, why, what it changed and from what). */
  @Get(':id/revisions')
  @Roles(...MonitoringPermissions.readSurveys)
  async revisions(@CallerScope() scope: Scope, @Param('id', SurveyId) id: string) {
    const survey = await this.surveys.findCurrent(scope, id);
    if (!survey) throw notFound(`未找到该走访记录 (no survey ${id})`);
    const corrections = await this.surveys.revisions(id);
    return {
      surveyId: id,
      currentRevision: survey.revision,
      items: [
        {
          revision: 1,
          recordedBy: survey.recordedBy ?? null,
          recordedAt: survey.recordedAt,
          kind: 'recorded',
        },
        ...corrections.map((r) => ({
          revision: r.revision,
          kind: 'correction',
          correctedBy: r.correctedByName,
          correctedByAccount: r.correctedBy,
          correctedAt: r.correctedAt,
          reason: r.reason,
          changedFields: r.changedFields,
          previousValues: Object.fromEntries(r.previousValues.map((v) => [v.field, v.value])),
          survey: r.snapshot,
        })),
      ],
    };
  }

  /** 低于监测范围: the line of each county and year the query may find (a county's own, else its province's). */
  private async linesOf(
    scope: Scope,
    filter: Omit<ListSurveysQuery, 'page' | 'pageSize' | 'sort'>,
    below: boolean,
  ) {
    const [all, pairs] = await Promise.all([
      this.thresholds.list({}),
      this.surveys.countyYears(scope, {
        householdId: filter.householdId,
        townCode: filter.townCode,
        villageCode: filter.villageCode,
        month: filter.month,
      }),
    ]);
    const lines = pairs.flatMap(({ countyCode, year }) => {
      const line = pickThreshold(all, { countyCode, provinceCode: countyCode.slice(0, 2) }, year);
      return line ? [{ countyCode, year, amount: line.amount }] : [];
    });
    return { below, lines };
  }

  @Get(':id')
  @Roles(...MonitoringPermissions.readSurveys)
  async get(@CallerScope() scope: Scope, @Param('id', SurveyId) id: string) {
    const doc = await this.surveys.findCurrent(scope, id);
    if (!doc) throw notFound(`未找到该走访记录 (no survey ${id})`);
    return present(doc);
  }

  @Get()
  @Roles(...MonitoringPermissions.readSurveys)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListSurveysQuery)) q: ListSurveysQuery,
  ) {
    const { page, pageSize, sort, belowLine, ...filter } = q;
    const result = await this.surveys.list(
      scope,
      {
        ...filter,
        belowLine: belowLine === undefined ? undefined : await this.linesOf(scope, filter, belowLine),
      },
      sort,
      page,
      pageSize,
    );
    return { ...result, items: result.items.map(present) };
  }
}
