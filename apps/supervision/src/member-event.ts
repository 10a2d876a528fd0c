import { CloudEvent, createEvent } from '@lib/contracts';

/** A member's team and its org units, as every supervision event carries them. */
export interface EventOrg {
  teamId: string;
  townCode: string;
  villageCode: string;
}

/** What every stored supervision record carries of its team: the event's org and the county (tenancy). */
export interface MemberOrg extends EventOrg {
  countyCode: string;
}

export const orgOf = (team: {
  _id: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
}): MemberOrg => ({
  teamId: team._id,
  countyCode: team.countyCode,
  townCode: team.townCode,
  villageCode: team.villageCode,
});

/** A supervision event about one member: keyed by the member, tenancy set, who and where in its data. */
export function memberEvent<D extends object>(
  type: string,
  id: string,
  memberId: string,
  org: EventOrg,
  data: D,
): CloudEvent<string, { memberId: string } & EventOrg & D> {
  return createEvent({
    id,
    type,
    source: 'supervision',
    subject: memberId,
    townId: org.townCode,
    villageId: org.villageCode,
    data: { memberId, teamId: org.teamId, townCode: org.townCode, villageCode: org.villageCode, ...data },
  });
}

/** A supervision event about a team (inspections, funds): keyed by the team, tenancy set. */
export function teamEvent<D extends object>(type: string, id: string, org: EventOrg, data: D): CloudEvent {
  return createEvent({
    id,
    type,
    source: 'supervision',
    subject: org.teamId,
    townId: org.townCode,
    villageId: org.villageCode,
    data: { teamId: org.teamId, townCode: org.townCode, villageCode: org.villageCode, ...data },
  });
}
