import { Body, Controller, ForbiddenException, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Caller, CallerScope, covers, Principal, Roles, Scope } from '@lib/auth';
import { MonitoringPermissions } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { ListDepartmentFactsQuery, SubmitDepartmentFactsBody } from './department-facts.dto';
import { IntakeFacts } from './use-cases/intake-facts.usecase';
import { ListFacts } from './use-cases/list-facts.usecase';

@Controller()
export class DepartmentFactsController {
  constructor(
    private readonly intake: IntakeFacts,
    private readonly facts: ListFacts,
  ) {}

  /**
   * A batch of up to 500 department facts (department-fact.submitted.v1 records). Each fact's county
   * must be in the caller's scope; it is matched to a household of that county. Answers per fact:
   * matched, unmatched (kept, see /unmatched) or duplicate (already received: ignored).
   */
  @Post('api/v1/department-facts')
  @HttpCode(200)
  @Roles(...MonitoringPermissions.writeDepartmentFacts)
  async submit(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(SubmitDepartmentFactsBody)) body: SubmitDepartmentFactsBody,
  ) {
    const outside = body.facts
      .map((f, i) => ({ field: `facts.${i}.countyCode`, code: f.countyCode }))
      .filter((f) => !covers(scope, f.code));
    if (outside.length > 0)
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `县代码不在您的管辖范围 (county outside your scope): ${outside.map((o) => o.field).join(', ')}`,
        problems: outside.map((o) => ({ field: o.field, reason: 'outside your scope' })),
      });
    const outcomes = await this.intake.execute(body.facts, 'api', caller.sub, scope);
    const count = (o: string) => outcomes.filter((x) => x === o).length;
    return {
      received: outcomes.length,
      matched: count('matched'),
      unmatched: count('unmatched'),
      duplicates: count('duplicate'),
      items: outcomes.map((status, index) => ({
        index,
        department: body.facts[index].department,
        sourceRecordId: body.facts[index].sourceRecordId,
        status,
      })),
    };
  }

  /** Facts no household matched yet (by county), newest first: to check the ID number or register the household. */
  @Get('api/v1/department-facts/unmatched')
  @Roles(...MonitoringPermissions.readDepartmentFacts)
  unmatched(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListDepartmentFactsQuery)) q: ListDepartmentFactsQuery,
  ) {
    return this.facts.unmatched(scope, q);
  }

  /** Matched facts (filter by household, department, kind), newest first. */
  @Get('api/v1/department-facts')
  @Roles(...MonitoringPermissions.readDepartmentFacts)
  list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListDepartmentFactsQuery)) q: ListDepartmentFactsQuery,
  ) {
    return this.facts.list(scope, q);
  }
}
