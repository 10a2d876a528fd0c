import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Roles } from '@lib/auth';
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
import { TeamsRepository } from './teams.repository';
import { ManageTeams, memberNotFound, present } from './teams.usecases';

/** Teams and members. Role-checked; org-unit scope filtering is still to come. */
@Controller('api/v1')
export class TeamsController {
  constructor(
    private readonly teams: ManageTeams,
    private readonly repo: TeamsRepository,
  ) {}

  @Post('teams')
  @Roles(...SupervisionRoles.manageTeams)
  @HttpCode(201)
  create(@Body(new ZodValidationPipe(CreateTeamBody)) body: CreateTeamBody) {
    return this.teams.createTeam(body);
  }

  @Get('teams')
  @Roles(...SupervisionRoles.read)
  async list(@Query(new ZodValidationPipe(ListTeamsQuery)) q: ListTeamsQuery) {
    const { page, pageSize, ...filter } = q;
    const result = await this.repo.listTeams(filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }

  @Get('teams/:id')
  @Roles(...SupervisionRoles.read)
  get(@Param('id', new ZodValidationPipe(Id)) id: string) {
    return this.teams.getTeam(id);
  }

  @Patch('teams/:id')
  @Roles(...SupervisionRoles.manageTeams)
  update(
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(UpdateTeamBody)) body: UpdateTeamBody,
  ) {
    return this.teams.updateTeam(id, body);
  }

  @Post('teams/:id/members')
  @Roles(...SupervisionRoles.manageTeams)
  @HttpCode(201)
  addMember(
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(AddMemberBody)) body: AddMemberBody,
  ) {
    return this.teams.addMember(id, body);
  }

  @Get('members/:id')
  @Roles(...SupervisionRoles.read)
  async getMember(@Param('id', new ZodValidationPipe(Id)) id: string) {
    const member = await this.repo.findMember(id);
    if (!member) throw memberNotFound(id);
    return present(member);
  }

  @Patch('members/:id')
  @Roles(...SupervisionRoles.manageTeams)
  updateMember(
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Body(new ZodValidationPipe(UpdateMemberBody)) body: UpdateMemberBody,
  ) {
    return this.teams.updateMember(id, body);
  }
}
