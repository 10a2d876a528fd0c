import { attemptOf, digestItemOf, notificationOf, personTargetOf } from './outgoing';

const d = {
  _id: 'd1',
  alertId: 'a1',
  severity: 'high',
  title: '收入骤降',
  message: '农户收入低于监测线',
  townCode: '621299101',
  villageCode: '621299101201',
  subjectId: 'h1',
  escalationLevel: 0,
};
const gateways = {
  sms: { url: 'http://sms', appKey: 'k', secret: 's', templateId: 'T1' },
  email: { smtpUrl: 'smtp://mail', from: 'alerts@example.com' },
};

describe('what a delivery sends', () => {
  it('a notification carries the alert; the escalation level only when escalated; a digest gets its own id', () => {
    expect(notificationOf(d)).toEqual({
      deliveryId: 'd1',
      alertId: 'a1',
      severity: 'high',
      title: '收入骤降',
      message: '农户收入低于监测线',
      townCode: '621299101',
      villageCode: '621299101201',
      subjectId: 'h1',
    });
    expect(notificationOf({ ...d, escalationLevel: 2 }, 'dg-1')).toMatchObject({
      deliveryId: 'dg-1',
      escalationLevel: 2,
    });
    expect(digestItemOf(d)).toEqual({
      alertId: 'a1',
      severity: 'high',
      title: '收入骤降',
      villageCode: '621299101201',
    });
  });

  it('an attempt records the outcome and how long it took', () => {
    const now = new Date(10_250);
    expect(attemptOf({ ok: false, status: 500, error: 'boom' }, 10_000, now)).toEqual({
      at: now,
      ok: false,
      status: 500,
      error: 'boom',
      latencyMs: 250,
    });
    expect(attemptOf({ ok: true }, 10_000, now)).toMatchObject({ status: null, error: null });
  });

  it('a person delivery goes to the current mobile or email, or says why it cannot', () => {
    expect(personTargetOf('sms', 'u1', { phone: '13800000001' }, gateways)).toEqual({
      target: {
        kind: 'sms',
        url: 'http://sms',
        appKey: 'k',
        secret: 's',
        templateId: 'T1',
        phones: ['13800000001'],
      },
      recipient: '13800000001',
    });
    expect(personTargetOf('email', 'u1', { email: 'z@example.com' }, gateways)).toEqual({
      target: { kind: 'email', smtpUrl: 'smtp://mail', from: 'alerts@example.com', to: ['z@example.com'] },
      recipient: 'z@example.com',
    });
    expect(personTargetOf('sms', 'u1', null, gateways)).toEqual({
      error: '联系方式已删除 (no mobile registered for u1)',
    });
    expect(personTargetOf('sms', 'u1', { phone: '13800000001' }, {})).toEqual({
      error: '未配置短信网关 (NOTIFIER_SMS_GATEWAY_URL)',
    });
    expect(personTargetOf('email', 'u1', { email: 'z@example.com' }, {})).toEqual({
      error: '未配置邮件服务器 (NOTIFIER_SMTP_URL)',
    });
    expect(personTargetOf('fax', 'u1', { phone: '13800000001' }, gateways)).toEqual({
      error: '不支持的个人渠道 (unsupported person channel fax)',
    });
  });
});
