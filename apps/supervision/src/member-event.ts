import { CloudEvent, createEvent } from '@lib/contracts';

/** A member's team and its org units, as every supervision event carries them. */
export interface MemberOrg {
  teamId: string;
  townCode: string;
  villageCode: string;
}

/** A supervision event about one member: keyed by the member, tenancy set, who and where in its data. */
export function memberEvent<D extends object>(
  type: string,
  id: string,
  memberId: string,
  org: MemberOrg,
  data: D,
): CloudEvent<string, { memberId: string } & MemberOrg & D> {
  return createEvent({
    id,
    type,
    source: 'supervision',
    subject: memberId,
    townId: org.townCode,
    villageId: org.villageCode,
    data: { memberId, ...org, ...data },
  });
}
