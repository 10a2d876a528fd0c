import { ConflictException, Injectable } from '@nestjs/common';
import { covers, Scope } from '@lib/auth';
import { fieldError } from '@lib/service-kit';
import { levelOf, parentOf } from '../domain/org-unit';
import { RegisterOrgUnitBody } from '../org-units.dto';
import { OrgUnitsStore } from '../org-units.store';

/** A county registers its own units, each under a registered parent, once. */
@Injectable()
export class RegisterOrgUnit {
  constructor(private readonly units: OrgUnitsStore) {}

  async execute(scope: Scope, body: RegisterOrgUnitBody) {
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
