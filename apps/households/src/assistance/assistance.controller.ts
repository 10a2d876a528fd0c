import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { HouseholdsPermissions } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import {
  CarePairingBody,
  CareVisitBody,
  CompleteMeasureBody,
  PlanMeasureBody,
  RelocationBody,
} from './assistance.dto';
import { AddPlanMeasure } from './use-cases/add-plan-measure.usecase';
import { CompletePlanMeasure } from './use-cases/complete-plan-measure.usecase';
import { PairCarer } from './use-cases/pair-carer.usecase';
import { ReadAssistance } from './use-cases/read-assistance.usecase';
import { RecordCareVisit } from './use-cases/record-care-visit.usecase';
import { RecordRelocation } from './use-cases/record-relocation.usecase';

const Id = z.string().uuid('须为编号（UUID）');

/** 一户一策 plans, 关爱服务 care pairings and visits, 搬迁 relocation records of a household. */
@Controller('api/v1/households/:id')
export class AssistanceController {
  constructor(
    private readonly read: ReadAssistance,
    private readonly addPlanMeasure: AddPlanMeasure,
    private readonly completePlanMeasure: CompletePlanMeasure,
    private readonly pairCarer: PairCarer,
    private readonly recordCareVisit: RecordCareVisit,
    private readonly recordRelocation: RecordRelocation,
  ) {}

  /** The plan: every measure with its status (planned / in_progress / overdue / completed). */
  @Get('plan')
  @Roles(...HouseholdsPermissions.readHouseholds)
  plan(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(Id)) id: string) {
    return this.read.plan(scope, id);
  }

  @Post('plan/measures')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeAssistance)
  addMeasure(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(PlanMeasureBody)) body: PlanMeasureBody,
  ) {
    return this.addPlanMeasure.execute(caller, scope, id, body);
  }

  @Post('plan/measures/:measureId/completion')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeAssistance)
  completeMeasure(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Param('measureId', new ZodValidationPipe(Id)) measureId: string,
    @Body(new ZodValidationPipe(CompleteMeasureBody)) body: CompleteMeasureBody,
  ) {
    return this.completePlanMeasure.execute(caller, scope, id, measureId, body);
  }

  /** 关爱结对 with their visits. */
  @Get('care-pairings')
  @Roles(...HouseholdsPermissions.readHouseholds)
  carePairings(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(Id)) id: string) {
    return this.read.carePairings(scope, id);
  }

  @Post('care-pairings')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeAssistance)
  pairCare(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(CarePairingBody)) body: CarePairingBody,
  ) {
    return this.pairCarer.execute(caller, scope, id, body);
  }

  @Post('care-pairings/:pairingId/visits')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeAssistance)
  visit(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Param('pairingId') pairingId: string,
    @Body(new ZodValidationPipe(CareVisitBody)) body: CareVisitBody,
  ) {
    return this.recordCareVisit.execute(caller, scope, id, pairingId, body);
  }

  /** 易地搬迁记录 (分散 / 集中安置). */
  @Get('relocations')
  @Roles(...HouseholdsPermissions.readHouseholds)
  relocations(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(Id)) id: string) {
    return this.read.relocations(scope, id);
  }

  @Post('relocations')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeHouseholds)
  relocate(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(RelocationBody)) body: RelocationBody,
  ) {
    return this.recordRelocation.execute(caller, scope, id, body);
  }
}
