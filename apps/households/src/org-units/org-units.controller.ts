import { GeoBoundary, GeoCentre, HouseholdsPermissions, OrgUnitGeometryBody, refusals } from '@lib/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Put, ConflictException } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, covers, notFound, Roles, Scope } from '@lib/auth';
import { fieldError, ZodValidationPipe } from '@lib/service-kit';
import { buildTree, levelOf, parentOf } from './org-unit';
import { OrgUnitsRepository } from './org-units.repository';

const RegisterOrgUnitBody = z
  .object({
    code: z
      .string()
      .regex(/^(\d{6}|\d{9}|\d{12}|\d{14})$/, '须为县（6 位）、乡镇（9 位）、村（12 位）或组（14 位）代码'),
    name: z.string().trim().min(1, '必填').max(64),
    boundary: GeoBoundary.optional(),
    centre: GeoCentre.optional(),
  })
  .strict()
  .meta(refusals({ field: 'code', rule: '须在调用者的管辖范围内 (within your scope)' }));
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

  /** 一张图: the visible units with a boundary or centre, as GeoJSON features named by code. */
  @Get('geometry')
  @Roles(...HouseholdsPermissions.readHouseholds)
  async geometry(@CallerScope() scope: Scope) {
    const all = await this.units.all();
    const features = all
      .filter((u) => (u.boundaryJson || u.centre) && this.visible(scope, u.code))
      .map((u) => ({
        type: 'Feature' as const,
        id: u.code,
        properties: { code: u.code, name: u.name, level: u.level, parentCode: u.parentCode, centre: u.centre ?? null },
        geometry: OrgUnitsRepository.boundaryOf(u),
      }));
    return { type: 'FeatureCollection', features };
  }

  /** A unit's boundary and centre (null clears one); its administrators only. */
  @Put(':code/geometry')
  @Roles(...HouseholdsPermissions.registerOrgUnits)
  async setGeometry(
    @CallerScope() scope: Scope,
    @Param('code', new ZodValidationPipe(z.string().regex(/^(\d{6}|\d{9}|\d{12}|\d{14})$/, '须为单位代码')))
    code: string,
    @Body(new ZodValidationPipe(OrgUnitGeometryBody)) body: OrgUnitGeometryBody,
  ) {
    if (!covers(scope, code) || !(await this.units.exists(code)))
      throw notFound(`无权修改或不存在该单位 (no org unit ${code} in your scope)`);
    await this.units.setGeometry(code, body);
    return { code, boundary: body.boundary ?? null, centre: body.centre ?? null };
  }

  private visible(scope: Scope, code: string) {
    return (
      covers(scope, code) ||
      (!scope.all && [...scope.counties, ...scope.towns, ...scope.villages].some((s) => s.startsWith(code)))
    );
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
