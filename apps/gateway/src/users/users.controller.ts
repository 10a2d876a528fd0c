import { EVERYONE, GatewayPermissions } from '@lib/contracts';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { assertCovers, Caller, CallerScope, notFound, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { hashPassword } from './passwords';
import { User } from './user.schema';
import { CreateUserBody, ListUsersQuery, UpdateUserBody, UserNamesQuery } from './users.dto';
import { scopeCodesOf, UsersRepository } from './users.repository';
import { Revoker } from '../sessions/revoker';
import { SessionsRepository } from '../sessions/sessions.repository';

const present = ({ _id, passwordHash: _p, scopeCodes: _s, ...rest }: User) => ({ id: _id, ...rest });
const UserId = z.string().uuid('须为用户编号（UUID）');

/** User and role administration, by county administrators, within their scope. */
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly revoker: Revoker,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...GatewayPermissions.adminUsers)
  async create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Body(new ZodValidationPipe(CreateUserBody)) body: CreateUserBody,
  ) {
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
    return present(user);
  }

  @Get()
  @Roles(...GatewayPermissions.adminUsers)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListUsersQuery)) q: z.infer<typeof ListUsersQuery>,
  ) {
    const result = await this.users.list(scope, q.page, q.pageSize);
    return { ...result, items: result.items.map(present) };
  }

  /**
   * Who acted (确认人, 办结人): the display names of the users a page names by id, for every signed-in
   * user, limited to the users in their scope and above it. Unknown or hidden ids are left out.
   */
  @Get('names')
  @Roles(...EVERYONE)
  async names(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(UserNamesQuery)) q: z.infer<typeof UserNamesQuery>,
  ) {
    const found = await this.users.namesOf(scope, [...new Set(q.ids)]);
    return { items: found.map((u) => ({ id: u._id, displayName: u.displayName })) };
  }

  @Get(':id')
  @Roles(...GatewayPermissions.adminUsers)
  async get(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(UserId)) id: string) {
    const user = await this.users.findById(scope, id);
    if (!user) throw notFound(`未找到该用户 (no user ${id})`);
    return present(user);
  }

  /** Change roles or disable; the user's sessions and access tokens are revoked at once. */
  @Patch(':id')
  @Roles(...GatewayPermissions.adminUsers)
  async update(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(UserId)) id: string,
    @Body(new ZodValidationPipe(UpdateUserBody)) body: UpdateUserBody,
  ) {
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
    if (body.disabled || body.roles) {
      await this.sessions.revokeAllOf(id);
      // and the access tokens they hold, at the gateway and in every app
      await this.revoker.user(id, body.disabled ? 'user-disabled' : 'roles-changed');
    }
    return present(updated);
  }
}
