import { Body, ConflictException, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { assertCovers, Caller, CallerScope, notFound, Principal, Roles, Scope } from '@lib/auth';
import { TownCode, VillageCode, RulesPermissions } from '@lib/contracts';
import { fieldError, ZodValidationPipe } from '@lib/service-kit';
import { CompiledRule, compileRule, RuleCompileError } from '../engine/compiler';
import { contextOf } from '../engine/evaluate';
import { chinaDay, scopeKeyOf } from '../engine/rule-book';
import { RuleBody, RuleId, RuleScope, RuleVersion, RuleVersionInput } from '../engine/rule-language';
import { SubjectsStore } from '../subjects/subjects.store';
import { ThresholdsRepository } from '../thresholds/thresholds.repository';
import { RuleVersionsRepository } from './rule-versions.repository';

const CreateRuleBody = RuleVersionInput.extend({ ruleId: RuleId }).strict();

const ListRulesQuery = z
  .object({
    ruleId: RuleId.optional(),
    countyCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional()
      .describe('只列本县适用的版本'),
  })
  .strict();

const DryRunBody = z
  .object({
    rule: RuleBody,
    townCode: TownCode.optional(),
    villageCode: VillageCode.optional(),
    limit: z.number().int().min(1).max(500).default(100).describe('at most this many subjects listed'),
  })
  .strict();

/** Compiles or answers 400 naming the node (e.g. rule.when.all.0.fact) and the reason. */
function compileOr400(rule: RuleBody): CompiledRule {
  try {
    return compileRule(rule);
  } catch (e) {
    if (e instanceof RuleCompileError)
      throw fieldError(e.path, `规则无法编译 (rule does not compile): ${e.reason}`);
    throw e;
  }
}

/** Writing a version for a scope: '*' is the platform's (services only); a county or town must be the caller's. */
function assertMayWrite(scope: Scope, s: RuleScope) {
  if (s.countyCode === '*') {
    if (!scope.all) assertCovers(scope, '*');
    return;
  }
  assertCovers(scope, s.townCode ?? s.countyCode);
}

/** A version is visible to callers in its scope, above it or below it (a town sees its county's rules). */
function readable(scope: Scope, v: RuleVersion): boolean {
  if (scope.all || v.scope.countyCode === '*') return true;
  const key = scopeKeyOf(v.scope);
  return [...scope.counties, ...scope.towns, ...scope.villages].some(
    (u) => u.startsWith(key) || key.startsWith(u),
  );
}

/** 预警规则: versioned rules per county with town overrides; dry run before enabling. */
@Controller('api/v1/rules')
export class RulesController {
  constructor(
    private readonly versions: RuleVersionsRepository,
    private readonly subjects: SubjectsStore,
    private readonly thresholds: ThresholdsRepository,
  ) {}

  /** The latest version of each rule per scope (platform default, counties, towns) the caller may see. */
  @Get()
  @Roles(...RulesPermissions.readRules)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListRulesQuery)) q: z.infer<typeof ListRulesQuery>,
  ) {
    const all = q.ruleId ? await this.versions.versionsOf(q.ruleId) : await this.versions.all();
    const latest = new Map<string, RuleVersion>();
    for (const v of all) {
      if (!readable(scope, v)) continue;
      if (q.countyCode && v.scope.countyCode !== '*' && v.scope.countyCode !== q.countyCode) continue;
      const key = `${v.ruleId}|${scopeKeyOf(v.scope)}`;
      const seen = latest.get(key);
      if (!seen || seen.version < v.version) latest.set(key, v);
    }
    return { items: [...latest.values()] };
  }

  /** Every version of a rule, in every scope the caller may see (newest first per scope). */
  @Get(':ruleId')
  @Roles(...RulesPermissions.readRules)
  async versionsOf(
    @CallerScope() scope: Scope,
    @Param('ruleId', new ZodValidationPipe(RuleId)) ruleId: string,
  ) {
    const items = (await this.versions.versionsOf(ruleId)).filter((v) => readable(scope, v));
    if (items.length === 0) throw notFound(`未找到该规则 (no rule ${ruleId})`);
    return { ruleId, items };
  }

  /** A new rule: version 1 in its scope. 409 when the rule id exists (new versions go through PUT). */
  @Post()
  @Roles(...RulesPermissions.writeRules)
  async create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Body(new ZodValidationPipe(CreateRuleBody)) body: z.infer<typeof CreateRuleBody>,
  ) {
    assertMayWrite(scope, body.scope);
    compileOr400(body.rule);
    const { ruleId, ...input } = body;
    if ((await this.versions.versionsOf(ruleId)).length > 0)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `规则 ${ruleId} 已存在，请用 PUT 新增版本 (rule exists: PUT a new version)`,
      });
    const v: RuleVersion = { ...input, ruleId, version: 1, createdBy: caller.sub, createdAt: new Date() };
    if (!(await this.versions.insert(v)))
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `规则 ${ruleId} 已存在 (rule exists)`,
      });
    return v;
  }

  /**
   * A new version of a rule for a scope (the next number there; a county's or town's first version
   * overrides the default for it). Versions are never changed: each write is a new one.
   */
  @Put(':ruleId')
  @Roles(...RulesPermissions.writeRules)
  async newVersion(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('ruleId', new ZodValidationPipe(RuleId)) ruleId: string,
    @Body(new ZodValidationPipe(RuleVersionInput)) input: RuleVersionInput,
  ) {
    assertMayWrite(scope, input.scope);
    compileOr400(input.rule);
    const existing = await this.versions.versionsOf(ruleId);
    if (existing.length === 0) throw notFound(`未找到该规则 (no rule ${ruleId})`);
    const scopeKey = scopeKeyOf(input.scope);
    const last = Math.max(
      0,
      ...existing.filter((v) => scopeKeyOf(v.scope) === scopeKey).map((v) => v.version),
    );
    const v: RuleVersion = {
      ...input,
      ruleId,
      version: last + 1,
      createdBy: caller.sub,
      createdAt: new Date(),
    };
    if (!(await this.versions.insert(v)))
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `版本冲突，请重试 (version ${v.version} was written meanwhile; retry)`,
      });
    return v;
  }

  /**
   * 试运行: evaluates a new or changed rule against the current state of every subject in the
   * caller's scope (or the town/village given) and reports what it would raise. Changes nothing.
   */
  @Post('dry-run')
  @HttpCode(200)
  @Roles(...RulesPermissions.readRules)
  async dryRun(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(DryRunBody)) body: z.infer<typeof DryRunBody>,
  ) {
    const compiled = compileOr400(body.rule);
    const unit = body.villageCode ?? body.townCode;
    if (unit) assertCovers(scope, unit);
    const thresholds = await this.thresholds.all();
    const today = chinaDay();
    let evaluated = 0;
    let unknown = 0;
    let wouldRaise = 0;
    const items: Array<Record<string, unknown>> = [];
    for await (const page of this.subjects.scan(scope, body.rule.subjectType)) {
      for (const s of page) {
        if (unit && !s.villageCode.startsWith(unit)) continue;
        evaluated++;
        const ctx = contextOf(s, today, {}, thresholds);
        const holds = compiled.test(ctx);
        if (holds === null) unknown++;
        if (holds !== true) continue;
        wouldRaise++;
        if (items.length < body.limit)
          items.push({
            subjectId: s._id,
            townCode: s.townCode,
            villageCode: s.villageCode,
            period: compiled.periodOf(today),
            severity: body.rule.alert.severity,
            title: compiled.title(ctx),
            message: compiled.message(ctx),
            explanation: compiled.explain(ctx),
          });
      }
    }
    return { evaluated, wouldRaise, unknown, items };
  }
}
