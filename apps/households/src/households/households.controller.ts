import { HouseholdsPermissions } from '@lib/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { ChangeHousehold } from './use-cases/change-household.usecase';
import {
  ListHouseholdsQuery,
  MemberBody,
  PairedCadresBody,
  RegisterHouseholdBody,
  RemoveMemberQuery,
  UpdateHouseholdBody,
  UpdateMemberBody,
} from './households.dto';
import { RegisterHousehold } from './use-cases/register-household.usecase';
import { ReadHouseholds } from './use-cases/read-households.usecase';

const HouseholdId = z.string().uuid('须为农户编号（UUID）');
const MemberId = z.string().uuid('须为队员编号（UUID）');

/** 帮扶对象台账: households and their members. */
@Controller('api/v1/households')
export class HouseholdsController {
  constructor(
    private readonly register: RegisterHousehold,
    private readonly changeHousehold: ChangeHousehold,
    private readonly read: ReadHouseholds,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeHouseholds)
  create(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(RegisterHouseholdBody)) body: RegisterHouseholdBody,
  ) {
    return this.register.execute(scope, body);
  }

  @Get(':id')
  @Roles(...HouseholdsPermissions.readHouseholds)
  get(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(HouseholdId)) id: string) {
    return this.read.one(scope, id);
  }

  /** Filters by village, town, type, category, risk type, paired cadre and lifecycle state; paged and sorted. */
  @Get()
  @Roles(...HouseholdsPermissions.readHouseholds)
  list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListHouseholdsQuery)) q: ListHouseholdsQuery,
  ) {
    return this.read.list(scope, q);
  }

  @Patch(':id')
  @Roles(...HouseholdsPermissions.writeHouseholds)
  update(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(HouseholdId)) id: string,
    @Body(new ZodValidationPipe(UpdateHouseholdBody)) body: UpdateHouseholdBody,
  ) {
    return this.changeHousehold.updateFields(caller, scope, id, body);
  }

  @Post(':id/members')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeHouseholds)
  addMember(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(HouseholdId)) id: string,
    @Body(new ZodValidationPipe(MemberBody)) body: MemberBody,
  ) {
    return this.changeHousehold.addMember(caller, scope, id, body);
  }

  @Patch(':id/members/:memberId')
  @Roles(...HouseholdsPermissions.writeHouseholds)
  changeMember(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(HouseholdId)) id: string,
    @Param('memberId', new ZodValidationPipe(MemberId)) memberId: string,
    @Body(new ZodValidationPipe(UpdateMemberBody)) body: UpdateMemberBody,
  ) {
    return this.changeHousehold.changeMember(caller, scope, id, memberId, body);
  }

  @Delete(':id/members/:memberId')
  @Roles(...HouseholdsPermissions.writeHouseholds)
  removeMember(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(HouseholdId)) id: string,
    @Param('memberId', new ZodValidationPipe(MemberId)) memberId: string,
    @Query(new ZodValidationPipe(RemoveMemberQuery)) q: z.infer<typeof RemoveMemberQuery>,
  ) {
    return this.changeHousehold.removeMember(caller, scope, id, memberId, q.reason);
  }

  /** 帮扶责任人: replaces the household's paired cadres. */
  @Put(':id/paired-cadres')
  @Roles(...HouseholdsPermissions.writeHouseholds)
  pairCadres(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(HouseholdId)) id: string,
    @Body(new ZodValidationPipe(PairedCadresBody)) body: PairedCadresBody,
  ) {
    return this.changeHousehold.pairCadres(caller, scope, id, body);
  }
}
