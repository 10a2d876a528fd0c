import { generateKeyPair } from 'jose';
import { JWT_ALG } from './keys';
import { bearerOf, InvalidToken, signAccessToken, verifyAccessToken } from './tokens';

const principal = {
  sub: 'u1',
  kind: 'user' as const,
  name: 'wang',
  grants: [{ role: 'town-official' as const, unit: '621299101' }],
};

describe('access tokens', () => {
  it('round-trip the principal; refuse expired, tampered and foreign-key tokens', async () => {
    const { privateKey, publicKey } = await generateKeyPair(JWT_ALG, { crv: 'Ed25519' });
    const other = await generateKeyPair(JWT_ALG, { crv: 'Ed25519' });
    const { token, jti } = await signAccessToken(privateKey, principal, 60);
    await expect(verifyAccessToken(publicKey, token)).resolves.toEqual({
      ...principal,
      jti,
      issuedAtMs: expect.any(Number),
    });

    const expired = await signAccessToken(privateKey, principal, 60, new Date(Date.now() - 120_000));
    await expect(verifyAccessToken(publicKey, expired.token)).rejects.toThrow(InvalidToken);

    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.roles = [{ role: 'service', unit: '*' }];
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    await expect(verifyAccessToken(publicKey, tampered)).rejects.toThrow(InvalidToken);

    const foreign = await signAccessToken(other.privateKey, principal, 60);
    await expect(verifyAccessToken(publicKey, foreign.token)).rejects.toThrow(InvalidToken);
  });

  it('take only a well-formed bearer header', () => {
    expect(bearerOf('Bearer a.b.c')).toBe('a.b.c');
    expect(bearerOf('bearer a.b.c')).toBeNull();
    expect(bearerOf('Bearer a.b')).toBeNull();
    expect(bearerOf(undefined)).toBeNull();
  });
});
