import { HouseholdsPermissions, OrgUnitGeometryBody } from '@lib/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { RegisterOrgUnitBody, UnitCode } from './org-units.dto';
import { ReadOrgUnits } from './use-cases/read-org-units.usecase';
import { RegisterOrgUnit } from './use-cases/register-org-unit.usecase';
import { SetOrgUnitGeometry } from './use-cases/set-org-unit-geometry.usecase';

/**
 * 组织机构: county > town > village > group, with names and codes. A county registers its own units
 * (POST, its administrators); the demo loads its demo town through this API (scripts/demo/seed-org-units.ts).
 */
@Controller('api/v1/org-units')
export class OrgUnitsController {
  constructor(
    private readonly read: ReadOrgUnits,
    private readonly registerUnit: RegisterOrgUnit,
    private readonly setUnitGeometry: SetOrgUnitGeometry,
  ) {}

  /** The units the caller may see (their scope and everything below, plus the units above it), as a tree. */
  @Get()
  @Roles(...HouseholdsPermissions.readHouseholds)
  tree(@CallerScope() scope: Scope) {
    return this.read.tree(scope);
  }

  /** 一张图: the visible units with a boundary or centre, as GeoJSON features named by code. */
  @Get('geometry')
  @Roles(...HouseholdsPermissions.readHouseholds)
  geometry(@CallerScope() scope: Scope) {
    return this.read.geometry(scope);
  }

  /** A unit's boundary and centre (null clears one); its administrators only. */
  @Put(':code/geometry')
  @Roles(...HouseholdsPermissions.registerOrgUnits)
  setGeometry(
    @CallerScope() scope: Scope,
    @Param('code', new ZodValidationPipe(UnitCode)) code: string,
    @Body(new ZodValidationPipe(OrgUnitGeometryBody)) body: OrgUnitGeometryBody,
  ) {
    return this.setUnitGeometry.execute(scope, code, body);
  }

  @Post()
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.registerOrgUnits)
  register(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(RegisterOrgUnitBody)) body: RegisterOrgUnitBody,
  ) {
    return this.registerUnit.execute(scope, body);
  }
}
