import { z } from 'zod';
import { Role } from '@lib/contracts/permissions';

/**
 * The role table: the roles (libs/contracts/src/permissions), the grants a user holds, and who is calling.
 * Which role may do what is each app's own table beside it in libs/contracts/src/permissions
 * (`HouseholdsPermissions`, …), which the app guards its handlers with and the console reads.
 */
export { Role };

/** A human role's unit is a county (6 digits), town (9) or village (12) code; a service's unit is "*". */
export const OrgUnit = z
  .string()
  .regex(/^(\d{6}|\d{9}|\d{12})$/, '须为 6、9 或 12 位单位代码');

export const RoleGrant = z.object({ role: Role, unit: z.union([OrgUnit, z.literal('*')]) }).strict();
export type RoleGrant = z.infer<typeof RoleGrant>;

export type PrincipalKind = 'user' | 'service' | 'integration';

/** Who is calling: from a verified access token. */
export interface Principal {
  sub: string;
  kind: PrincipalKind;
  name: string;
  grants: RoleGrant[];
  jti?: string;
  /** When the access token was issued (ms; JWT `iat_ms`, else `iat`): a user's tokens are revocable up to a moment. */
  issuedAtMs?: number;
}
