import { NotFoundException } from '@nestjs/common';
import { assertCovers, Scope, SERVICE_SCOPE } from '@lib/auth';
import { fieldError } from '@lib/service-kit';
import { TeamsStore } from './teams.store';

export const teamNotFound = (id: string) =>
  new NotFoundException({ statusCode: 404, error: 'Not Found', message: `未找到该工作队 (no team ${id})` });
export const memberNotFound = (id: string) =>
  new NotFoundException({ statusCode: 404, error: 'Not Found', message: `未找到该队员 (no member ${id})` });

/**
 * The member named in a request body and their team: a 400 naming `memberId` when there is none,
 * a 403 when the member's village lies outside the caller's scope (writing into another unit).
 */
export async function memberAndTeam(repo: TeamsStore, scope: Scope, memberId: string) {
  const member = await repo.findMember(SERVICE_SCOPE, memberId);
  const team = member && (await repo.findTeam(SERVICE_SCOPE, member.teamId));
  if (!member || !team) throw fieldError('memberId', '未知的队员 (no such team member)');
  assertCovers(scope, team.villageCode);
  return { member, team };
}

/** The team named in a request body: a 400 naming `teamId` when there is none, 403 outside the scope. */
export async function teamOf(repo: TeamsStore, scope: Scope, teamId: string) {
  const team = await repo.findTeam(SERVICE_SCOPE, teamId);
  if (!team) throw fieldError('teamId', '未知的工作队 (no such team)');
  assertCovers(scope, team.villageCode);
  return team;
}
