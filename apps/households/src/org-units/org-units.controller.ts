import { HouseholdsPermissions } from '@lib/contracts';
import { Body, Controller, Get, HttpCode, Post, ConflictException } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, covers, Roles, Scope } from '@lib/auth';
import { fieldError, ZodValidationPipe } from '@lib/service-kit';
import { buildTree, levelOf, parentOf } from './org-unit';
import { OrgUnitsRepository } from './org-units.repository';

const RegisterOrgUnitBody = z
  .object({
    code: z
      .string()
      .regex(/^(\d{6}|\d{9}|\d{12}|\d{14})$/, '须为县（6 位）、乡镇（9 位）、村（12 位）或组（14 位）代码'),
    name: z.string().trim().min(1, '必填').max(64),
  })
  .strict();
type RegisterOrgUnitBody = z.infer<typeof RegisterOrgUnitBody>;

/**
 * 组织机构: county > town > village > group, with names and codes. A county registers its own units
 * (POST, its administrators); the demo loads its demo town through this API (scripts/demo/seed-org-units.ts).
 */
@Controller('api/v1/org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsRepository) {}

  /** The units the caller may see (their scope and everything below, plus the units above it), as a tree. */
  @Get()
  @Roles(...HouseholdsPermissions.readHouseholds)
  async tree(@CallerScope() scope: Scope) {
    const all = await this.units.all();
    const visible = all.filter(
      (u) =>
        covers(scope, u.code) ||
        (!scope.all &&
          [...scope.counties, ...scope.towns, ...scope.villages].some((s) => s.startsWith(u.code))),
    );
    return {
      items: buildTree(
        visible.map(({ code, level, name, parentCode }) => ({ code, level, name, parentCode })),
      ),
    };
  }

  @Post()
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.registerOrgUnits)
  async register(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(RegisterOrgUnitBody)) body: RegisterOrgUnitBody,
  ) {
    const parent = parentOf(body.code);
    if (!covers(scope, body.code)) throw fieldError('code', '不在您的管辖范围 (outside your scope)');
    if (parent && !(await this.units.exists(parent)))
      throw fieldError('code', `上级单位 ${parent} 未登记 (parent not registered)`);
    if (!(await this.units.register(body)))
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `单位代码已登记 (already registered): ${body.code}`,
        problems: [{ field: 'code', reason: 'already registered' }],
      });
    return { code: body.code, level: levelOf(body.code), name: body.name, parentCode: parent };
  }
}
