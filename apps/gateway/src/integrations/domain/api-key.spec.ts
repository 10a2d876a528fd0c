import { newApiKey, presentApiKey } from './api-key';

describe('接入密钥', () => {
  const at = new Date('2026-05-01T00:00:00Z');

  it('gives each client its own id and secret, scoped to its unit and those above', () => {
    const a = newApiKey({ name: '民政局', unit: '530102001' }, 'admin', at);
    const b = newApiKey({ name: '民政局', unit: '530102001' }, 'admin', at);
    expect(a._id).toMatch(/^ik_[A-Za-z0-9_-]{16}$/);
    expect(a.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a._id).not.toBe(b._id);
    expect(a.secret).not.toBe(b.secret);
    expect(a.scopeCodes).toEqual(['530102', '530102001']);
    expect(a).toMatchObject({ createdBy: 'admin', createdAt: at, revokedAt: null });
  });

  it('lists a key by its id without its scope codes', () => {
    expect(presentApiKey({ _id: 'ik_x', scopeCodes: ['530102'], name: 'n' })).toEqual({
      keyId: 'ik_x',
      name: 'n',
    });
  });
});
