import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import {
  AddMemberBody,
  CreateTeamBody,
  Id,
  ListTeamsQuery,
  UpdateMemberBody,
  UpdateTeamBody,
} from './teams.dto';
import { TeamsStore } from './teams.store';
import { present } from '../present';
import { ManageTeams } from './use-cases/manage-teams.usecase';
import { memberNotFound } from './team-lookups';

/** Teams and members, within the caller's org-unit scope (outside it: 404 to read, 403 to create). */
@Controller('api/v1')
export class TeamsController {
  constructor(
    private readonly teams: ManageTeams,
    private readonly repo: TeamsStore,
  ) {}

  @Post('teams')
  @Roles(...SupervisionRoles.manageTeams)
  @HttpCode(201)
  create(@CallerScope() scope: Scope, @Body(new ZodValidationPipe(CreateTeamBody)) body: CreateTeamBody) {
    return this.teams.createTeam(scope, body);
  }

  @Get('teams')
  @Roles(...SupervisionRoles.read)
  async list(@CallerScope() scope: Scope, @Query(new ZodValidationPipe(ListTeamsQuery)) q: ListTeamsQuery) {
    const { page, pageSize, ...filter } = q;
    const result = await this.repo.listTeams(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }

  @Get('teams/:id')
  @Roles(...SupervisionRoles.read)
  get(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(Id)) id: string) {
    return this.teams.getTeam(scope, id);
  }

  @Patch('teams/:id')
  @Roles(...SupervisionRoles.manageTeams)
  update(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(UpdateTeamBody)) body: UpdateTeamBody,
  ) {
    return this.teams.updateTeam(scope, id, body);
  }

  @Post('teams/:id/members')
  @Roles(...SupervisionRoles.manageTeams)
  @HttpCode(201)
  addMember(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(AddMemberBody)) body: AddMemberBody,
  ) {
    return this.teams.addMember(scope, id, body);
  }

  @Get('members/:id')
  @Roles(...SupervisionRoles.read)
  async getMember(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(Id)) id: string) {
    const member = await this.repo.findMember(scope, id);
    if (!member) throw memberNotFound(id);
    return present(member);
  }

  @Patch('members/:id')
  @Roles(...SupervisionRoles.manageTeams)
  updateMember(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(UpdateMemberBody)) body: UpdateMemberBody,
  ) {
    return this.teams.updateMember(scope, id, body);
  }
}
