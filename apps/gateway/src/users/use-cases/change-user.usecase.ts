import { BadRequestException, Injectable } from '@nestjs/common';
import { assertCovers, notFound, Principal, Scope } from '@lib/auth';
import { UserAccessChanges } from '../user-access-changes';
import { UpdateUserBody } from '../users.dto';
import { User } from '../users.schema';
import { scopeCodesOf, UsersStore } from '../users.store';

/** Change roles or disable; the user's sessions and access tokens end at once (UserAccessChanges). */
@Injectable()
export class ChangeUser {
  constructor(
    private readonly users: UsersStore,
    private readonly access: UserAccessChanges,
  ) {}

  async execute(scope: Scope, caller: Principal, id: string, body: UpdateUserBody): Promise<User> {
    if (id === caller.sub && body.disabled)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: '不能停用自己 (cannot disable yourself)',
      });
    for (const r of body.roles ?? []) assertCovers(scope, r.unit);
    const updated = await this.users.update(scope, id, {
      ...(body.roles ? { roles: body.roles, scopeCodes: scopeCodesOf(body.roles) } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
    });
    if (!updated) throw notFound(`未找到该用户 (no user ${id})`);
    if (body.disabled || body.roles)
      await this.access.changed(id, body.disabled ? 'user-disabled' : 'roles-changed');
    return updated;
  }
}
