import { RevocationList } from './revocations';

describe('RevocationList (tokens revoked at sign-out, until they expire)', () => {
  const t0 = Date.parse('2026-11-28T08:00:00Z');

  it('refuses a revoked token until its expiry, then forgets it', () => {
    const list = new RevocationList();
    list.add('a', t0 + 900_000, t0);
    expect(list.isRevoked('a', t0 + 1)).toBe(true);
    expect(list.isRevoked('b', t0 + 1)).toBe(false);
    expect(list.isRevoked(undefined, t0)).toBe(false);
    expect(list.isRevoked('a', t0 + 900_000)).toBe(false);
    expect(list.size).toBe(0);
  });

  it('ignores tokens that have already expired and drops expired entries as new ones arrive', () => {
    const list = new RevocationList();
    list.add('old', t0 - 1, t0);
    expect(list.size).toBe(0);
    list.add('a', t0 + 1_000, t0);
    list.add('b', t0 + 2_000, t0);
    list.add('c', t0 + 900_000, t0 + 5_000);
    expect(list.size).toBe(1);
    expect(list.isRevoked('c', t0 + 5_000)).toBe(true);
  });

  it('is bounded: beyond its size the oldest revocations (the soonest to expire) go first', () => {
    const list = new RevocationList(3);
    for (const [i, jti] of ['first', 'second', 'third', 'fourth'].entries())
      list.add(jti, t0 + 900_000 + i * 1_000, t0 + i * 1_000);
    expect(list.size).toBe(3);
    expect(list.isRevoked('first', t0)).toBe(false);
    expect(['second', 'third', 'fourth'].every((j) => list.isRevoked(j, t0))).toBe(true);
  });

  it('while catching up (app start) it says so until told it is current', async () => {
    const list = new RevocationList();
    expect(list.behind).toBeNull();
    const caughtUp = list.catchingUp();
    const behind = list.behind;
    expect(behind).not.toBeNull();
    list.add('a', t0 + 9_000, t0);
    caughtUp();
    caughtUp();
    await expect(behind).resolves.toBeUndefined();
    expect(list.behind).toBeNull();
    expect(list.isRevoked('a', t0)).toBe(true);
  });

  it("a user's revocation refuses their tokens issued before it, until they expire", () => {
    const list = new RevocationList();
    list.addUser('u1', t0 + 500, t0 + 900_000, t0);
    expect(list.refuses({ sub: 'u1', jti: 'x', issuedAtMs: t0 + 499 }, t0 + 600)).toBe(true);
    expect(list.refuses({ sub: 'u1', jti: 'y', issuedAtMs: t0 + 500 }, t0 + 600)).toBe(false);
    expect(list.refuses({ sub: 'u1' }, t0 + 600)).toBe(true); // no issue time: cannot tell, refused
    expect(list.refuses({ sub: 'u2', issuedAtMs: t0 }, t0 + 600)).toBe(false);
    expect(list.refuses({ sub: 'u1', issuedAtMs: t0 }, t0 + 900_000)).toBe(false);
    expect(list.size).toBe(0);
  });

  it('the same revocation twice is one entry, keeping the later expiry', () => {
    const list = new RevocationList();
    list.add('a', t0 + 9_000, t0);
    list.add('a', t0 + 1_000, t0);
    expect(list.size).toBe(1);
    expect(list.isRevoked('a', t0 + 5_000)).toBe(true);
  });
});
