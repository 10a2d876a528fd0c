import { channelRecordOf, testNotification } from './channel-record';

describe('channel records', () => {
  it('files a channel under its unit’s county, town and village, with whom it reaches', () => {
    const now = new Date('2026-12-03T08:00:00Z');
    const r = channelRecordOf(
      {
        name: '石门乡短信',
        unit: '621299101',
        roles: ['town-official'],
        enabled: true,
        target: {
          kind: 'sms',
          url: 'http://sms',
          appKey: 'k',
          secret: 's',
          templateId: 'T1',
          phones: ['13800000001'],
        },
      },
      'sealed-blob',
      { kind: 'sms' },
      now,
    );
    expect(r).toMatchObject({
      kind: 'sms',
      level: 'town',
      countyCode: '621299',
      townCode: '621299101',
      villageCode: null,
      roles: ['town-official'],
      sealed: 'sealed-blob',
      masked: { kind: 'sms' },
      updatedAt: now,
    });
    expect(r.recipients).toHaveLength(1);
  });

  it('a test message says it is a test and names the channel', () => {
    const n = testNotification(
      { name: '村委会机器人', townCode: '621299101', villageCode: '621299101201' },
      'abc',
      new Date('2026-12-03T08:05:00Z'),
    );
    expect(n).toMatchObject({
      deliveryId: 'test-abc',
      alertId: 'test-abc',
      severity: 'low',
      title: '推送渠道测试消息',
    });
    expect(n.message).toContain('推送渠道「村委会机器人」配置正确');
    expect(n.message).toContain('2026-12-03 08:05 UTC');
  });
});
