import { Body, Controller, Get, NotFoundException, Param, Put, Query } from '@nestjs/common';
import { assertCovers, Caller, CallerScope, covers, Principal, Roles, Scope } from '@lib/auth';
import { CountyCode } from '@lib/contracts';
import { fieldError, ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import { ChangeCalendar } from './use-cases/change-calendar.usecase';
import { ReadCalendar } from './use-cases/read-calendar.usecase';
import { CalendarQuery, calendarBodyProblem, CountyCalendarBody, Year } from './calendar.dto';
import { WorkingCalendars } from './working-calendars';

/** 工作日历: national holidays and 调休, and a county's override (set by the county's admin). */
@Controller('api/v1/calendars')
export class CalendarController {
  constructor(
    private readonly read: ReadCalendar,
    private readonly calendars: WorkingCalendars,
    private readonly change: ChangeCalendar,
  ) {}

  /** The year's national calendar, the county's override and the effective one, with its working days (listed and per month). */
  @Get(':year')
  @Roles(...SupervisionRoles.read)
  async get(
    @CallerScope() scope: Scope,
    @Param('year', new ZodValidationPipe(Year)) year: number,
    @Query(new ZodValidationPipe(CalendarQuery)) q: CalendarQuery,
  ) {
    if (q.countyCode && !covers(scope, q.countyCode))
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `未找到该县的工作日历 (no calendar of county ${q.countyCode})`,
      });
    return this.read.execute(year, q.countyCode ?? null);
  }

  /**
   * Sets the county's override of the year (a county admin of that county); the attendance of the
   * county's members in every month whose working days changed is recomputed.
   */
  @Put(':year/counties/:countyCode')
  @Roles(...SupervisionRoles.manageCalendar)
  async put(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('year', new ZodValidationPipe(Year)) year: number,
    @Param('countyCode', new ZodValidationPipe(CountyCode)) countyCode: string,
    @Body(new ZodValidationPipe(CountyCalendarBody)) body: CountyCalendarBody,
  ) {
    const problem = calendarBodyProblem(year, body);
    if (problem) throw fieldError(problem.field, problem.reason);
    assertCovers(scope, countyCode);
    const result = await this.change.setCountyOverride(year, countyCode, body, caller.name);
    this.calendars.forget(countyCode, year);
    return { year, countyCode, override: body, ...result };
  }
}
