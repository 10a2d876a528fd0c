import { channelsOf, contactOf, maskAddress, PersonAddress } from './person-contact';

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

describe('contactOf', () => {
  it('files a contact under its unit’s county, town and village, with its channels and a masked copy', () => {
    const now = new Date('2026-12-03T08:00:00Z');
    const c = contactOf({
      userId: 'u-zhang',
      name: '张三',
      unit: '621299101',
      address: { phone: '13800000001' },
      sealed: 'sealed-blob',
      updatedBy: 'u-admin',
      now,
    });
    expect(c).toEqual({
      _id: 'u-zhang',
      name: '张三',
      unit: '621299101',
      level: 'town',
      countyCode: '621299',
      townCode: '621299101',
      villageCode: null,
      channels: ['sms'],
      sealed: 'sealed-blob',
      masked: { phone: '138****0001' },
      updatedBy: 'u-admin',
      createdAt: now,
      updatedAt: now,
    });
    expect(JSON.stringify(c)).not.toContain('13800000001');
  });
});
