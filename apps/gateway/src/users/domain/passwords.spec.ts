import { hashPassword, verifyPassword } from './passwords';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses others; salts differ', async () => {
    const a = await hashPassword('正确的密码 correct horse');
    const b = await hashPassword('正确的密码 correct horse');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    await expect(verifyPassword('正确的密码 correct horse', a)).resolves.toBe(true);
    await expect(verifyPassword('正确的密码 correct hors', a)).resolves.toBe(false);
    await expect(verifyPassword('x', 'md5$abc')).resolves.toBe(false);
  });
});
