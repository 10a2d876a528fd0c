import { Module } from '@nestjs/common';
import { OrgUnitsController } from './org-units.controller';
import { OrgUnitsStore } from './org-units.store';

/** 行政区划: the county's towns and villages (names, outlines). */
@Module({
  controllers: [OrgUnitsController],
  providers: [OrgUnitsStore],
  exports: [OrgUnitsStore],
})
export class OrgUnitsModule {}
