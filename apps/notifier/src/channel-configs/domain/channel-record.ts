/**
 * A configured channel's record and its test message (pure): where the channel is filed (its unit's county,
 * town and village), whom it reaches, and the message a test sends — plainly a test, never an alert.
 */
import type { OutgoingNotification } from '../../channels/channel';
import { type ChannelTarget, recipientsOf } from '../../channels/channel-target';

const LEVEL = { 6: 'county', 9: 'town', 12: 'village' } as const;

/** Where a record of an org unit is filed: its level, and its county, town and village codes (scope fields). */
export function filingOf(unit: string) {
  return {
    unit,
    level: LEVEL[unit.length as 6 | 9 | 12],
    countyCode: unit.slice(0, 6),
    townCode: unit.length >= 9 ? unit.slice(0, 9) : null,
    villageCode: unit.length === 12 ? unit : null,
  };
}

export function channelRecordOf(
  body: { name: string; unit: string; roles: string[]; enabled: boolean; target: ChannelTarget },
  sealed: string,
  masked: Record<string, unknown>,
  now: Date,
) {
  return {
    name: body.name,
    kind: body.target.kind,
    ...filingOf(body.unit),
    roles: body.roles,
    recipients: recipientsOf(body.target),
    enabled: body.enabled,
    sealed,
    masked,
    updatedAt: now,
  };
}

/** The message a channel test sends: plainly a test, naming the channel, never an alert. */
export function testNotification(
  c: { name: string; townCode: string | null; villageCode: string | null },
  id: string,
  at: Date,
): OutgoingNotification {
  return {
    deliveryId: `test-${id}`,
    alertId: `test-${id}`,
    severity: 'low',
    title: '推送渠道测试消息',
    message: `这是一条测试消息：推送渠道「${c.name}」配置正确，能收到预警。无需处理。（${at.toISOString().slice(0, 16).replace('T', ' ')} UTC）`,
    townCode: c.townCode ?? '',
    villageCode: c.villageCode ?? '',
    subjectId: 'channel-test',
  };
}
