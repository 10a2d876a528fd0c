import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { HouseholdsPermissions } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import {
  AddRosterMemberBody,
  ChangeRosterMemberBody,
  FrequenciesQuery,
  RemoveRosterMemberBody,
  RosterQuery,
  RosterVisitBody,
  SetFrequenciesBody,
} from './care-roster.dto';
import { AddRosterMember } from './use-cases/add-roster-member.usecase';
import { ChangeRosterMember } from './use-cases/change-roster-member.usecase';
import { ReadCareRoster } from './use-cases/read-care-roster.usecase';
import { RecordRosterVisit } from './use-cases/record-roster-visit.usecase';
import { RemoveRosterMember } from './use-cases/remove-roster-member.usecase';
import { SetCareFrequencies } from './use-cases/set-care-frequencies.usecase';

const RosterId = z.string().uuid('须为名册编号（UUID）');

/**
 * 关爱服务名册 of the villages in the caller's scope: the people cared for (留守老人/儿童/妇女, 特困, 残疾,
 * 空巢/独居老人), their carer, the county's visit frequency, the last visit and the next due day.
 */
@Controller('api/v1/care-roster')
export class CareRosterController {
  constructor(
    private readonly read: ReadCareRoster,
    private readonly addMember: AddRosterMember,
    private readonly changeMember: ChangeRosterMember,
    private readonly removeMember: RemoveRosterMember,
    private readonly recordVisit: RecordRosterVisit,
    private readonly setCareFrequencies: SetCareFrequencies,
  ) {}

  @Get()
  @Roles(...HouseholdsPermissions.readCareRoster)
  list(@CallerScope() scope: Scope, @Query(new ZodValidationPipe(RosterQuery)) q: RosterQuery) {
    return this.read.list(scope, q);
  }

  @Post()
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.manageCareRoster)
  add(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(AddRosterMemberBody)) body: AddRosterMemberBody,
  ) {
    return this.addMember.execute(caller, scope, body);
  }

  /** The visit frequencies (days per group) in force in a county: its own over the defaults. */
  @Get('frequencies')
  @Roles(...HouseholdsPermissions.readCareRoster)
  frequencies(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(FrequenciesQuery)) q: z.infer<typeof FrequenciesQuery>,
  ) {
    return this.read.frequencies(scope, q.countyCode);
  }

  @Put('frequencies')
  @Roles(...HouseholdsPermissions.setCareFrequencies)
  setFrequencies(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(SetFrequenciesBody)) body: SetFrequenciesBody,
  ) {
    return this.setCareFrequencies.execute(caller, scope, body);
  }

  @Get(':rosterId')
  @Roles(...HouseholdsPermissions.readCareRoster)
  one(@CallerScope() scope: Scope, @Param('rosterId', new ZodValidationPipe(RosterId)) id: string) {
    return this.read.one(scope, id);
  }

  @Patch(':rosterId')
  @Roles(...HouseholdsPermissions.manageCareRoster)
  change(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('rosterId', new ZodValidationPipe(RosterId)) id: string,
    @Body(new ZodValidationPipe(ChangeRosterMemberBody)) body: ChangeRosterMemberBody,
  ) {
    return this.changeMember.execute(caller, scope, id, body);
  }

  /** 移出名册 with a reason: no visit is due any more, its open overdue alert is closed. */
  @Post(':rosterId/removal')
  @HttpCode(200)
  @Roles(...HouseholdsPermissions.manageCareRoster)
  remove(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('rosterId', new ZodValidationPipe(RosterId)) id: string,
    @Body(new ZodValidationPipe(RemoveRosterMemberBody)) body: RemoveRosterMemberBody,
  ) {
    return this.removeMember.execute(caller, scope, id, body);
  }

  /** 关爱走访: recorded on the roster by the people who do the work (a paired cadre on their own entries). */
  @Post(':rosterId/visits')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeAssistance)
  visit(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('rosterId', new ZodValidationPipe(RosterId)) id: string,
    @Body(new ZodValidationPipe(RosterVisitBody)) body: RosterVisitBody,
  ) {
    return this.recordVisit.execute(caller, scope, id, body);
  }
}
