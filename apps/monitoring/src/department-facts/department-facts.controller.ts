import { Body, Controller, ForbiddenException, Get, HttpCode, Post, Query } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { Caller, CallerScope, covers, Principal, Roles, Scope, SERVICE_SCOPE } from '@lib/auth';
import {
  DepartmentFactSubmittedV1,
  HouseholdMemberAddedV1,
  HouseholdMemberRemovedV1,
  MonitoringPermissions,
} from '@lib/contracts';
import { BatchEventPattern } from '@lib/messaging';
import { ZodValidationPipe } from '@lib/service-kit';
import { ListDepartmentFactsQuery, SubmitDepartmentFactsBody } from './department-facts.dto';
import { DepartmentFactsService } from './department-facts.service';
import { HouseholdDirectory } from '../household-directory/household-directory.store';

@Controller()
export class DepartmentFactsController {
  constructor(
    private readonly facts: DepartmentFactsService,
    private readonly directory: HouseholdDirectory,
  ) {}

  /** Raw facts departments produce to monitoring.department-facts.v1 (malformed ones go to its .dlq). */
  @BatchEventPattern(DepartmentFactSubmittedV1.type)
  async onSubmitted(events: DepartmentFactSubmittedV1[]) {
    // one call per producer so each fact records who sent it
    const bySource = new Map<string, DepartmentFactSubmittedV1[]>();
    for (const e of events) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
    for (const [source, list] of bySource)
      await this.facts.intake(
        list.map((e) => e.data),
        'kafka',
        `kafka:${source}`,
        SERVICE_SCOPE,
      );
  }

  @EventPattern(HouseholdMemberAddedV1.type)
  async onMemberAdded(e: HouseholdMemberAddedV1) {
    // one handler per event type: the directory's member count is kept here too
    await this.directory.memberAdded(e);
    return this.facts.memberAdded(e);
  }

  @EventPattern(HouseholdMemberRemovedV1.type)
  async onMemberRemoved(e: HouseholdMemberRemovedV1) {
    await this.directory.memberRemoved(e);
    return this.facts.memberRemoved(e);
  }

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
    const outcomes = await this.facts.intake(body.facts, 'api', caller.sub, scope);
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
