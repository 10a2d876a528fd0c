import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';

/**
 * The gateway revoked access tokens before they expire: one token at sign-out (by its `jti`), or
 * every token of a user issued before `revokedAt` (user disabled, roles changed). Every app refuses
 * them from then until `expiresAt`, when they would have expired anyway and are forgotten.
 */
export const SessionRevokedV1 = defineEvent({
  type: 'session.revoked.v1',
  topic: Topics.sessions,
  key: 'subject',
  schema: z
    .object({
      /** The one access token revoked (JWT `jti`); null: all the user's tokens issued before `revokedAt`. */
      jti: z.string().min(1).nullable(),
      /** Whose token(s) (JWT `sub`). */
      userId: z.string().min(1),
      /** The refresh-token family (session) revoked with it, when known. */
      sessionId: z.string().min(1).nullable(),
      /** When the revoked tokens have all expired: after this they are refused anyway and can be forgotten. */
      expiresAt: z.iso.datetime({ offset: true }),
      reason: z.enum(['logout', 'user-disabled', 'roles-changed']),
      revokedAt: z.iso.datetime({ offset: true }),
    })
    .refine((d) => d.jti !== null || d.reason !== 'logout', {
      path: ['jti'],
      message: 'a sign-out revokes one token',
    }),
});
export type SessionRevokedV1 = EventOf<typeof SessionRevokedV1>;
