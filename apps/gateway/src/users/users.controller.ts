import { EVERYONE, GatewayPermissions } from '@lib/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, notFound, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { User } from './users.schema';
import { CreateUserBody, ListUsersQuery, UpdateUserBody, UserNamesQuery } from './users.dto';
import { UsersStore } from './users.store';
import { ChangeUser } from './use-cases/change-user.usecase';
import { CreateUser } from './use-cases/create-user.usecase';

const present = ({ _id, passwordHash: _p, scopeCodes: _s, ...rest }: User) => ({ id: _id, ...rest });
const UserId = z.string().uuid('须为用户编号（UUID）');

/** User and role administration, by county administrators, within their scope. */
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UsersStore,
    private readonly createUser: CreateUser,
    private readonly changeUser: ChangeUser,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...GatewayPermissions.adminUsers)
  async create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Body(new ZodValidationPipe(CreateUserBody)) body: CreateUserBody,
  ) {
    return present(await this.createUser.execute(scope, caller, body));
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
    return present(await this.changeUser.execute(scope, caller, id, body));
  }
}
