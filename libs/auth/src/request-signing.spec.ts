import { NonceStore, SignatureRejected, signRequest, verifySignedRequest } from './request-signing';

class MemoryNonces implements NonceStore {
  seen = new Set<string>();
  async claim(keyId: string, nonce: string) {
    const k = `${keyId}:${nonce}`;
    if (this.seen.has(k)) return false;
    this.seen.add(k);
    return true;
  }
}

const client = { secret: 's3cret-s3cret', unit: '621299101201' };
const lookup = async (id: string) => (id === 'key1' ? client : null);
const body = Buffer.from('{"a":1}');
const now = 1_790_000_000_000;

function req(
  headers: Record<string, string>,
  over: Partial<{ method: string; pathWithQuery: string; body: Buffer }> = {},
) {
  return { method: 'POST', pathWithQuery: '/api/v1/surveys?x=1', headers, body, ...over };
}
const signed = (over: Partial<Parameters<typeof signRequest>[2]> = {}) =>
  signRequest('key1', client.secret, {
    method: 'POST',
    path: '/api/v1/surveys?x=1',
    body,
    timestamp: now,
    ...over,
  });

describe('signed requests of integration clients', () => {
  it('accepts a correctly signed request once', async () => {
    const nonces = new MemoryNonces();
    const h = signed();
    await expect(verifySignedRequest(req(h), lookup, nonces, now)).resolves.toBe(client);
    await expect(verifySignedRequest(req(h), lookup, nonces, now)).rejects.toThrow('replayed nonce');
  });

  it.each([
    ['a changed body', () => req(signed(), { body: Buffer.from('{"a":2}') }), 'wrong signature'],
    ['a changed path', () => req(signed(), { pathWithQuery: '/api/v1/surveys?x=2' }), 'wrong signature'],
    ['a changed method', () => req(signed(), { method: 'PUT' }), 'wrong signature'],
    [
      'another secret',
      () =>
        req(
          signRequest('key1', 'other', { method: 'POST', path: '/api/v1/surveys?x=1', body, timestamp: now }),
        ),
      'wrong signature',
    ],
    ['an unknown key', () => req({ ...signed(), 'x-api-key': 'nokey' }), 'unknown api key'],
    ['a timestamp 5 min + 1 ms old', () => req(signed({ timestamp: now - 300_001 })), 'stale timestamp'],
    ['a timestamp 5 min + 1 ms ahead', () => req(signed({ timestamp: now + 300_001 })), 'stale timestamp'],
    ['no signature', () => req({ ...signed(), 'x-signature': '' }), 'malformed signature'],
  ])('rejects %s', async (_label, make, reason) => {
    const nonces = new MemoryNonces();
    await expect(verifySignedRequest(make(), lookup, nonces, now)).rejects.toThrow(SignatureRejected);
    await expect(verifySignedRequest(make(), lookup, nonces, now)).rejects.toThrow(reason);
  });

  it('accepts a timestamp just inside the window and does not spend the nonce of a forged request', async () => {
    const nonces = new MemoryNonces();
    const good = signed({ timestamp: now - 299_000, nonce: 'n'.repeat(32) });
    const forged = { ...good, 'x-signature': '0'.repeat(64) };
    await expect(verifySignedRequest(req(forged), lookup, nonces, now)).rejects.toThrow('wrong signature');
    await expect(verifySignedRequest(req(good), lookup, nonces, now)).resolves.toBe(client);
  });
});
