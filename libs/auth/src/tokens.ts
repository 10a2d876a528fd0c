import { randomUUID } from 'node:crypto';
import { type CryptoKey, errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { JWT_ALG, JWT_AUDIENCE, JWT_ISSUER } from './keys';
import { Principal, RoleGrant } from './roles';

const Claims = z.object({
  sub: z.string().min(1),
  kind: z.enum(['user', 'service', 'integration']),
  name: z.string(),
  roles: z.array(RoleGrant).max(100),
  jti: z.string().optional(),
  iat: z.number().int().optional(),
  /** `iat` to the millisecond: a user's tokens revoked at a moment are told from those issued just after. */
  iat_ms: z.number().int().optional(),
});

/** Signs a short-lived access token for a principal (the gateway; tests with the dev key). */
export async function signAccessToken(
  key: CryptoKey,
  principal: Omit<Principal, 'jti' | 'issuedAtMs'>,
  ttlSeconds: number,
  now = new Date(),
): Promise<{ token: string; jti: string; expiresAt: Date }> {
  const jti = randomUUID();
  const iat = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({
    kind: principal.kind,
    name: principal.name,
    roles: principal.grants,
    iat_ms: now.getTime(),
  })
    .setProtectedHeader({ alg: JWT_ALG, typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .setJti(jti)
    .sign(key);
  return { token, jti, expiresAt: new Date((iat + ttlSeconds) * 1000) };
}

export class InvalidToken extends Error {}

/** Verifies signature, algorithm, issuer, audience and expiry; the claims' shape too. */
export async function verifyAccessToken(key: CryptoKey, token: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [JWT_ALG],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      clockTolerance: 5,
    });
    const c = Claims.parse(payload);
    const issuedAtMs = c.iat_ms ?? (c.iat === undefined ? undefined : c.iat * 1000);
    return { sub: c.sub, kind: c.kind, name: c.name, grants: c.roles, jti: c.jti, issuedAtMs };
  } catch (e) {
    if (e instanceof errors.JOSEError || e instanceof z.ZodError) throw new InvalidToken(e.message);
    throw e;
  }
}

export function bearerOf(header: string | string[] | undefined): string | null {
  const h = Array.isArray(header) ? header[0] : header;
  const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(h ?? '');
  return m ? m[1] : null;
}
