/**
 * Message formats of the group robots (pure functions, unit-tested).
 * DingTalk robot: signed URL (HMAC-SHA256 of `${timestamp}\n${secret}`, base64, URL-encoded), markdown body.
 * WeCom robot: key in the URL; markdown content ≤ 4,096 bytes, text ≤ 2,048 bytes (UTF-8).
 */
import { createHmac } from 'node:crypto';
import { DigestItem, OutgoingNotification } from '../channel';

const SEVERITY_ZH: Record<string, string> = { high: '高', medium: '中', low: '低' };

export function dingTalkSignedUrl(webhookUrl: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', String(timestampMs));
  url.searchParams.set('sign', sign);
  return url.toString();
}

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character; marks the cut. */
export function truncateUtf8(s: string, maxBytes: number, marker = '…'): string {
  if (Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  const budget = maxBytes - Buffer.byteLength(marker, 'utf8');
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (used + n > budget) break;
    out += ch;
    used += n;
  }
  return out + marker;
}

/** One line of a digest: severity, title, village and the alert id (receivers dedupe by it). */
export function digestLine(d: DigestItem): string {
  return `- 【${SEVERITY_ZH[d.severity] ?? d.severity}】${d.title} · 村 ${d.villageCode} · 预警编号 ${d.alertId}`;
}

export function digestTitle(count: number): string {
  return `预警汇总：${count} 条新预警`;
}

export function alertMarkdown(n: OutgoingNotification): { title: string; text: string } {
  if (n.digestOf) {
    const title = digestTitle(n.digestOf.length);
    return { title, text: [`### ${title}`, '', ...n.digestOf.map(digestLine)].join('\n') };
  }
  const level = SEVERITY_ZH[n.severity] ?? n.severity;
  const title = `【${level}】${n.title}`;
  const text = [`### ${title}`, '', n.message, '', `> 预警编号 ${n.alertId} · 村 ${n.villageCode}`].join(
    '\n',
  );
  return { title, text };
}

export function dingTalkMarkdownBody(n: OutgoingNotification, atMobiles: string[] = []) {
  const { title, text } = alertMarkdown(n);
  return {
    msgtype: 'markdown',
    markdown: {
      title,
      text: atMobiles.length ? `${text}\n\n${atMobiles.map((m) => `@${m}`).join(' ')}` : text,
    },
    at: { atMobiles, isAtAll: false },
  };
}

export const WECOM_MARKDOWN_MAX_BYTES = 4096;

export function weComMarkdownBody(n: OutgoingNotification) {
  return {
    msgtype: 'markdown',
    markdown: { content: truncateUtf8(alertMarkdown(n).text, WECOM_MARKDOWN_MAX_BYTES) },
  };
}

/** Robot error codes that mean "too many messages": the robot is throttled or blocked for a while. */
export const ROBOT_RATE_LIMITED = new Set([130101, 45009]);

/**
 * How many of `items` (oldest first) fit one digest of at most `maxBytes` of markdown; at least one,
 * so an alert is never stuck (a single over-long one is cut by the robot body's own limit).
 */
export function digestCapacity(items: DigestItem[], maxBytes: number): number {
  let used = Buffer.byteLength(`### ${digestTitle(items.length)}\n\n`, 'utf8');
  let n = 0;
  for (const item of items) {
    used += Buffer.byteLength(digestLine(item), 'utf8') + 1;
    if (used > maxBytes && n > 0) break;
    n++;
  }
  return n;
}
