import { Injectable } from '@nestjs/common';
import { covers, notFound, Scope } from '@lib/auth';
import { OrgUnitGeometryBody } from '@lib/contracts';
import { OrgUnitsStore } from '../org-units.store';

/** A unit's boundary and centre (null clears one), by the administrators of the unit. */
@Injectable()
export class SetOrgUnitGeometry {
  constructor(private readonly units: OrgUnitsStore) {}

  async execute(scope: Scope, code: string, body: OrgUnitGeometryBody) {
    if (!covers(scope, code) || !(await this.units.exists(code)))
      throw notFound(`无权修改或不存在该单位 (no org unit ${code} in your scope)`);
    await this.units.setGeometry(code, body);
    return { code, boundary: body.boundary ?? null, centre: body.centre ?? null };
  }
}
