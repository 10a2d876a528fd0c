/** 接入密钥: a new integration client's key id and secret, and what callers see of a key. Pure. */
import { randomBytes } from 'node:crypto';
import { unitChain } from '@lib/auth';

/** A new key of a client at a unit: `ik_` + 16 url-safe characters, a 256-bit secret, scoped to the unit's chain. */
export function newApiKey(client: { name: string; unit: string }, by: string, createdAt: Date) {
  return {
    _id: `ik_${randomBytes(12).toString('base64url')}`,
    name: client.name,
    unit: client.unit,
    scopeCodes: unitChain(client.unit),
    secret: randomBytes(32).toString('base64url'),
    createdAt,
    createdBy: by,
    revokedAt: null,
  };
}

/** A key as listed: its id, never its scope codes. */
export const presentApiKey = <K extends { _id: string; scopeCodes: string[] }>({
  _id,
  scopeCodes: _s,
  ...rest
}: K) => ({ keyId: _id, ...rest });
