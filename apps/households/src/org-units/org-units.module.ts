import { Module } from '@nestjs/common';
import { OrgUnitsController } from './org-units.controller';
import { OrgUnitsStore } from './org-units.store';
import { ReadOrgUnits } from './use-cases/read-org-units.usecase';
import { RegisterOrgUnit } from './use-cases/register-org-unit.usecase';
import { SetOrgUnitGeometry } from './use-cases/set-org-unit-geometry.usecase';

/** 行政区划: the county's towns and villages (names, outlines). */
@Module({
  controllers: [OrgUnitsController],
  providers: [OrgUnitsStore, ReadOrgUnits, RegisterOrgUnit, SetOrgUnitGeometry],
  exports: [OrgUnitsStore],
})
export class OrgUnitsModule {}
