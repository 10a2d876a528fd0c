/**
 * What a delivery sends (pure): the notification a channel adapter gets, a digest's line, the attempt it
 * records, and where a person delivery goes (their SMS mobile or email through the notifier's own gateway).
 */
import type { ChannelResult, DigestItem, OutgoingNotification } from '../../channels/channel';
import type { PersonAddress } from '../../contacts/domain/person-contact';

/** The facts of a delivery a message is built from: the notification's, under the delivery's id. */
export type DeliveryFacts = Omit<OutgoingNotification, 'deliveryId' | 'digestOf'> & { _id: string };

export interface Attempt {
  at: Date;
  ok: boolean;
  status: number | null;
  error: string | null;
  latencyMs: number;
}

export function notificationOf(d: DeliveryFacts, id = d._id): OutgoingNotification {
  return {
    deliveryId: id,
    alertId: d.alertId,
    severity: d.severity,
    title: d.title,
    message: d.message,
    townCode: d.townCode,
    villageCode: d.villageCode,
    subjectId: d.subjectId,
    ...(d.escalationLevel ? { escalationLevel: d.escalationLevel } : {}),
  };
}

export function digestItemOf(d: DeliveryFacts): DigestItem {
  return { alertId: d.alertId, severity: d.severity, title: d.title, villageCode: d.villageCode };
}

export function attemptOf(result: ChannelResult, startedMs: number, now: Date): Attempt {
  return {
    at: now,
    ok: result.ok,
    status: result.status ?? null,
    error: result.error ?? null,
    latencyMs: now.getTime() - startedMs,
  };
}

/** The notifier's own person gateways (config): SMS and SMTP, unset when not configured. */
export interface PersonGateways {
  sms?: { url?: string; appKey: string; secret: string; templateId: string };
  email?: { smtpUrl?: string; from: string };
}

export type PersonTarget =
  | {
      target:
        | { kind: 'sms'; url: string; appKey: string; secret: string; templateId: string; phones: string[] }
        | { kind: 'email'; smtpUrl: string; from: string; to: string[] };
      recipient: string;
    }
  | { error: string };

/** Where a person delivery goes now: their current address on the delivery's channel, or why it cannot go. */
export function personTargetOf(
  channel: string,
  userId: string,
  address: PersonAddress | null,
  gateways: PersonGateways,
): PersonTarget {
  if (channel === 'sms') {
    if (!address?.phone) return { error: `联系方式已删除 (no mobile registered for ${userId})` };
    const g = gateways.sms;
    if (!g?.url) return { error: '未配置短信网关 (NOTIFIER_SMS_GATEWAY_URL)' };
    return {
      target: {
        kind: 'sms',
        url: g.url,
        appKey: g.appKey,
        secret: g.secret,
        templateId: g.templateId,
        phones: [address.phone],
      },
      recipient: address.phone,
    };
  }
  if (channel === 'email') {
    if (!address?.email) return { error: `联系方式已删除 (no email registered for ${userId})` };
    const g = gateways.email;
    if (!g?.smtpUrl) return { error: '未配置邮件服务器 (NOTIFIER_SMTP_URL)' };
    return {
      target: { kind: 'email', smtpUrl: g.smtpUrl, from: g.from, to: [address.email] },
      recipient: address.email,
    };
  }
  return { error: `不支持的个人渠道 (unsupported person channel ${channel})` };
}
