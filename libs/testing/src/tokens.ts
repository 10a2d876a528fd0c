import * as path from 'node:path';
import { loadSigningKey, Principal, signAccessToken } from '@lib/auth';
import { repoRoot } from './infra';

/** The dev key file the apps fall back to (AUTH_DEV_KEY_FILE's default, relative to the repo root). */
export const devKeyFile = path.join(repoRoot, '.local', 'auth', 'dev-jwt-ed25519.json');

export const SERVICE_PRINCIPAL: Omit<Principal, 'jti'> = {
  sub: 'service:test',
  kind: 'service',
  name: 'test harness',
  grants: [{ role: 'service', unit: '*' }],
};

/** An access token signed with the dev key, as the gateway would issue it (default: the service identity). */
export async function devToken(
  principal: Omit<Principal, 'jti'> = SERVICE_PRINCIPAL,
  ttlSeconds = 3600,
  now?: Date,
) {
  const { privateKey } = await loadSigningKey({
    NODE_ENV: 'test',
    AUTH_DEV_KEY_FILE: devKeyFile,
    AUTH_JWT_PRIVATE_KEY: '',
  });
  return (await signAccessToken(privateKey, principal, ttlSeconds, now)).token;
}
