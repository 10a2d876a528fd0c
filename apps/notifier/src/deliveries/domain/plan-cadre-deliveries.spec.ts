import { addressesCadres, planCadreDeliveries } from './plan-cadre-deliveries';

const cadres = [
  { userId: 'u-zhang', name: '张三', orgUnit: '621299' },
  { userId: 'u-li', name: '李四', orgUnit: '621299101' },
  { userId: 'u-wang', name: '王五', orgUnit: '621299101201' },
  { userId: 'u-zhang', name: '张三', orgUnit: '621299' }, // listed twice: reached once
];
const contacts: Record<string, Array<'sms' | 'email'>> = { 'u-zhang': ['sms', 'email'], 'u-li': ['email'] };

describe('paired-cadre deliveries', () => {
  it('only alerts about a household addressed to the paired-cadre role reach its cadres', () => {
    expect(
      addressesCadres({ subjectType: 'household', recipientRoles: ['paired-cadre', 'village-cadre'] }),
    ).toBe(true);
    expect(addressesCadres({ subjectType: 'household', recipientRoles: ['village-cadre'] })).toBe(false);
    expect(addressesCadres({ subjectType: 'team-member', recipientRoles: ['paired-cadre'] })).toBe(false);
  });

  it('one delivery per cadre and reachable channel; a cadre without a contact gets a record saying so', () => {
    const got = planCadreDeliveries(cadres, (id) => contacts[id], { sms: true, email: true });
    expect(got.map((d) => `${d.userId}:${d.channel}`)).toEqual([
      'u-zhang:sms',
      'u-zhang:email',
      'u-li:email',
      'u-wang:none',
    ]);
    expect(got[3].error).toMatch(/^帮扶责任人 王五 未登记联系方式/);
    expect(got.slice(0, 3).every((d) => d.error === null)).toBe(true);
  });

  it('channels without a gateway are skipped; a cadre left with none is recorded as not reached', () => {
    const got = planCadreDeliveries(cadres, (id) => contacts[id], { sms: true, email: false });
    expect(got.map((d) => `${d.userId}:${d.channel}`)).toEqual(['u-zhang:sms', 'u-li:none', 'u-wang:none']);
    expect(got[1].error).toMatch(/未配置个人短信网关或邮件服务器/);
  });
});
