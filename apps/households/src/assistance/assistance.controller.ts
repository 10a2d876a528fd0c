import { Body, ConflictException, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Caller, CallerScope, notFound, Principal, Roles, Scope } from '@lib/auth';
import {
  createEvent,
  HouseholdCareVisitRecordedV1,
  HouseholdPlanMeasureAddedV1,
  HouseholdPlanMeasureCompletedV1,
  HouseholdsPermissions,
} from '@lib/contracts';
import { fieldConflict, fieldError, ZodValidationPipe } from '@lib/service-kit';
import { Household } from '../households/households.schema';
import { HouseholdsStore } from '../households/households.store';
import {
  CarePairingBody,
  CareVisitBody,
  CompleteMeasureBody,
  PlanMeasureBody,
  RelocationBody,
} from './assistance.dto';
import { AssistanceStore } from './assistance.store';

const Id = z.string().uuid('须为编号（UUID）');
type Measure = PlanMeasureBody & { _id: string; householdId: string; at: Date; by: string };
type Completion = CompleteMeasureBody & { _id: string; householdId: string; at: Date; by: string };
type Pairing = CarePairingBody & { _id: string; householdId: string; at: Date; by: string };
type Visit = CareVisitBody & { _id: string; householdId: string; pairingId: string; at: Date; by: string };

const today = () => new Date().toISOString().slice(0, 10);
const orgOf = (h: Household) => ({
  countyCode: h.countyCode,
  townCode: h.townCode,
  villageCode: h.villageCode,
});

/** 一户一策 plans, 关爱服务 care pairings and visits, 搬迁 relocation records of a household. */
@Controller('api/v1/households/:id')
export class AssistanceController {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly records: AssistanceStore,
  ) {}

  private async household(scope: Scope, id: string) {
    const h = await this.households.load(scope, id);
    if (!h) throw notFound(`未找到该户 (no household ${id})`);
    return h;
  }

  /** A household to record assistance on: a closed one (注销) is read-only (409). */
  private async openHousehold(scope: Scope, id: string) {
    const h = await this.household(scope, id);
    if (h.status === 'closed')
      throw fieldConflict(
        'status',
        `该户已于 ${h.closure?.on ?? ''} 注销，不能再记录帮扶 (the household is closed)`,
      );
    return h;
  }

  private event(type: string, h: Household, data: Record<string, unknown>, at: Date) {
    return createEvent({
      type,
      source: 'households',
      subject: h._id,
      townId: h.townCode,
      villageId: h.villageCode,
      time: at,
      data: {
        householdId: h._id,
        townCode: h.townCode,
        villageCode: h.villageCode,
        ...data,
        at: at.toISOString(),
      },
    });
  }

  /** The plan: every measure with its status (planned / in_progress / overdue / completed). */
  @Get('plan')
  @Roles(...HouseholdsPermissions.readHouseholds)
  async plan(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(Id)) id: string) {
    await this.household(scope, id);
    const [measures, completions] = await Promise.all([
      this.records.ofHousehold<Measure>('plan_measures', id),
      this.records.ofHousehold<Completion>('plan_measure_completions', id),
    ]);
    const done = new Map(completions.map((c) => [c._id, c]));
    return {
      householdId: id,
      measures: measures.map(({ _id, householdId, at, ...m }) => {
        void householdId;
        const c = done.get(_id);
        const status = c
          ? 'completed'
          : m.dueOn < today()
            ? 'overdue'
            : m.startOn <= today()
              ? 'in_progress'
              : 'planned';
        return {
          measureId: _id,
          ...m,
          addedAt: at,
          status,
          ...(c ? { completedOn: c.completedOn, result: c.result } : {}),
        };
      }),
    };
  }

  @Post('plan/measures')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeAssistance)
  async addMeasure(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(PlanMeasureBody)) body: PlanMeasureBody,
  ) {
    const h = await this.openHousehold(scope, id);
    const at = new Date();
    const measureId = randomUUID();
    await this.records.insert(
      'plan_measures',
      { _id: measureId, householdId: id, ...orgOf(h), ...body, at, by: caller.sub },
      [
        this.event(
          HouseholdPlanMeasureAddedV1.type,
          h,
          {
            measureId,
            measureType: body.type,
            content: body.content,
            responsible: body.responsible,
            startOn: body.startOn,
            dueOn: body.dueOn,
            by: caller.sub,
          },
          at,
        ),
      ],
    );
    return {
      measureId,
      householdId: id,
      ...body,
      status: body.startOn <= today() ? 'in_progress' : 'planned',
    };
  }

  @Post('plan/measures/:measureId/completion')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeAssistance)
  async completeMeasure(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Param('measureId', new ZodValidationPipe(Id)) measureId: string,
    @Body(new ZodValidationPipe(CompleteMeasureBody)) body: CompleteMeasureBody,
  ) {
    const h = await this.openHousehold(scope, id);
    const m = await this.records.one<Measure>('plan_measures', measureId);
    if (!m || m.householdId !== id) throw notFound(`未找到该措施 (no measure ${measureId})`);
    if (body.completedOn < m.startOn)
      throw fieldError('completedOn', `不能早于措施开始日期 ${m.startOn} (before the start)`);
    const at = new Date();
    const ok = await this.records.insert(
      'plan_measure_completions',
      { _id: measureId, householdId: id, ...orgOf(h), ...body, at, by: caller.sub },
      [
        this.event(
          HouseholdPlanMeasureCompletedV1.type,
          h,
          {
            measureId,
            measureType: m.type,
            completedOn: body.completedOn,
            ...(body.result ? { result: body.result } : {}),
            by: caller.sub,
          },
          at,
        ),
      ],
    );
    if (!ok)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: '该措施已完成 (measure already completed)',
        problems: [{ field: 'measureId', reason: 'already completed' }],
      });
    return { measureId, status: 'completed', ...body };
  }

  /** 关爱结对 with their visits. */
  @Get('care-pairings')
  @Roles(...HouseholdsPermissions.readHouseholds)
  async carePairings(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(Id)) id: string) {
    await this.household(scope, id);
    const [pairings, visits] = await Promise.all([
      this.records.ofHousehold<Pairing>('care_pairings', id),
      this.records.ofHousehold<Visit>('care_visits', id),
    ]);
    return {
      householdId: id,
      pairings: pairings.map(({ _id, householdId, ...p }) => {
        void householdId;
        const mine = visits.filter((v) => v.pairingId === _id);
        return {
          pairingId: _id,
          ...p,
          visits: mine.map(({ _id: visitId, visitedOn, notes, by }) => ({ visitId, visitedOn, notes, by })),
          lastVisitedOn:
            mine
              .map((v) => v.visitedOn)
              .sort()
              .at(-1) ?? null,
        };
      }),
    };
  }

  @Post('care-pairings')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeAssistance)
  async pairCare(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(CarePairingBody)) body: CarePairingBody,
  ) {
    const h = await this.openHousehold(scope, id);
    if (!h.members.some((m) => m.memberId === body.memberId))
      throw fieldError('memberId', '不是该户成员 (not a member of this household)');
    // one pairing per member and group: a deterministic id makes a repeat a 409
    const pairingId = `${id}:${body.memberId}:${body.group}`;
    const ok = await this.records.insert('care_pairings', {
      _id: pairingId,
      householdId: id,
      ...orgOf(h),
      ...body,
      at: new Date(),
      by: caller.sub,
    });
    if (!ok)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: '该成员已有此类关爱结对 (already paired for this group)',
        problems: [{ field: 'group', reason: 'already paired' }],
      });
    return { pairingId, householdId: id, ...body };
  }

  @Post('care-pairings/:pairingId/visits')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeAssistance)
  async visit(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Param('pairingId') pairingId: string,
    @Body(new ZodValidationPipe(CareVisitBody)) body: CareVisitBody,
  ) {
    const h = await this.openHousehold(scope, id);
    const p = await this.records.one<Pairing>('care_pairings', pairingId);
    if (!p || p.householdId !== id) throw notFound(`未找到该关爱结对 (no care pairing ${pairingId})`);
    if (body.visitedOn > today()) throw fieldError('visitedOn', '不能是将来的日期 (in the future)');
    const at = new Date();
    const visitId = randomUUID();
    await this.records.insert(
      'care_visits',
      { _id: visitId, householdId: id, pairingId, ...orgOf(h), ...body, at, by: caller.sub },
      [
        this.event(
          HouseholdCareVisitRecordedV1.type,
          h,
          {
            pairingId,
            memberId: p.memberId,
            group: p.group,
            visitId,
            visitedOn: body.visitedOn,
            carer: p.carer,
            by: caller.sub,
          },
          at,
        ),
      ],
    );
    return { visitId, pairingId, ...body };
  }

  /** 易地搬迁记录 (分散 / 集中安置). */
  @Get('relocations')
  @Roles(...HouseholdsPermissions.readHouseholds)
  async relocations(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(Id)) id: string) {
    await this.household(scope, id);
    const list = await this.records.ofHousehold<RelocationBody & { _id: string }>('relocations', id);
    return { householdId: id, relocations: list.map(({ _id, ...r }) => ({ relocationId: _id, ...r })) };
  }

  @Post('relocations')
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.writeHouseholds)
  async relocate(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(RelocationBody)) body: RelocationBody,
  ) {
    const h = await this.openHousehold(scope, id);
    const relocationId = randomUUID();
    await this.records.insert('relocations', {
      _id: relocationId,
      householdId: id,
      ...orgOf(h),
      ...body,
      at: new Date(),
      by: caller.sub,
    });
    return { relocationId, householdId: id, ...body };
  }
}
