import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { assertCovers, Principal, Scope } from '@lib/auth';
import { hashPassword } from '../domain/passwords';
import { CreateUserBody } from '../users.dto';
import { User } from '../users.schema';
import { scopeCodesOf, UsersStore } from '../users.store';

/** 新建用户: a county administrator grants roles within their own scope only (403 otherwise). */
@Injectable()
export class CreateUser {
  constructor(private readonly users: UsersStore) {}

  async execute(scope: Scope, caller: Principal, body: CreateUserBody): Promise<User> {
    for (const r of body.roles) assertCovers(scope, r.unit); // 403: granting a unit outside one's scope
    const user: User = {
      _id: randomUUID(),
      username: body.username,
      displayName: body.displayName,
      passwordHash: await hashPassword(body.password),
      roles: body.roles,
      scopeCodes: scopeCodesOf(body.roles),
      disabled: false,
      createdAt: new Date(),
      createdBy: caller.sub,
    };
    await this.users.create(user);
    return user;
  }
}
