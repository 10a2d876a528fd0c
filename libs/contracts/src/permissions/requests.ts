import { EVERYONE, Role } from './roles';

/** Who may call the requests app (民事直说 / 民事领办代办). */
export const RequestsPermissions = {
  /** Requests, their history and statistics: everyone in scope (the resident's phone masked). */
  readResidentRequests: EVERYONE,
  /** Take a request in on a resident's behalf, work it, conclude it, record the rating of the 回访. */
  handleResidentRequests: [
    'county-admin',
    'town-official',
    'village-cadre',
    'work-team-member',
    'first-secretary',
    'paired-cadre',
  ],
  /** Assign a request to a cadre (承办人). */
  assignResidentRequests: ['county-admin', 'town-official', 'village-cadre', 'first-secretary'],
  /** The county's deadlines (办理时限) per category. */
  setRequestDeadlines: ['county-admin'],
  /** The resident's phone in clear (audited). */
  readRequesterPhone: ['county-admin', 'town-official', 'village-cadre', 'first-secretary'],
} satisfies Record<string, Role[]>;
