import { channelsOf, maskAddress, PersonAddress } from './person-contact';

describe('person contacts', () => {
  it('masks the mobile and the mailbox, keeps the channels they stand for', () => {
    const a = { phone: '13800001234', email: 'zhangsan@example.com' };
    expect(maskAddress(a)).toEqual({ phone: '138****1234', email: 'z***@example.com' });
    expect(channelsOf(a)).toEqual(['sms', 'email']);
    expect(channelsOf({ email: 'x@example.com' })).toEqual(['email']);
  });

  it('refuses what is not a mobile number or an email address, naming the field', () => {
    const r = PersonAddress.safeParse({ phone: '12345', email: 'nope' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['phone', 'email']);
  });
});
