import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { assertCovers, Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { RequestsPermissions } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { CountyDeadlines } from './county-deadlines';
import { CountyParam, PutDeadlinesBody } from './deadlines.dto';
import { DeadlinesStore } from './deadlines.store';

/** 办理时限: each county sets the days of each category (and the warning days before). */
@Controller('api/v1/resident-request-deadlines')
export class DeadlinesController {
  constructor(
    private readonly deadlines: CountyDeadlines,
    private readonly store: DeadlinesStore,
  ) {}

  @Get(':countyCode')
  @Roles(...RequestsPermissions.readResidentRequests)
  async get(@Param('countyCode', new ZodValidationPipe(CountyParam)) countyCode: string) {
    return { countyCode, ...(await this.deadlines.of(countyCode)) };
  }

  @Put(':countyCode')
  @Roles(...RequestsPermissions.setRequestDeadlines)
  async put(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('countyCode', new ZodValidationPipe(CountyParam)) countyCode: string,
    @Body(new ZodValidationPipe(PutDeadlinesBody)) body: PutDeadlinesBody,
  ) {
    assertCovers(scope, countyCode);
    await this.store.put({
      _id: countyCode,
      countyCode,
      days: body.days,
      warnDaysBefore: body.warnDaysBefore,
      updatedBy: caller.sub,
      updatedAt: new Date(),
    });
    return { countyCode, ...(await this.deadlines.of(countyCode)) };
  }
}
