/** The delivery log as the notifier answers it (apps/notifier deliveries). */
import { time } from '@/format';

export interface DeliveryAttempt {
  at: string;
  ok: boolean;
  status: number | null;
  error: string | null;
  latencyMs: number;
}

export interface Delivery {
  id: string;
  alertId: string;
  subjectId: string;
  townCode: string;
  villageCode: string;
  channel: string;
  channelId: string | null;
  recipient: string;
  recipientName?: string | null;
  severity: string;
  title: string;
  message: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  kind?: 'alert' | 'escalation';
  escalationLevel?: number;
  escalatedTo?: 'town' | 'county' | null;
  createdAt: string;
  finishedAt: string | null;
}

/** One attempt in words: 2026-12-03 09:30 · 失败 · HTTP 500 · 1,203 毫秒. */
export function attemptLine(a: DeliveryAttempt): string {
  const parts = [time(a.at), a.ok ? '成功' : '失败'];
  if (a.status) parts.push(`HTTP ${a.status}`);
  if (typeof a.latencyMs === 'number' && Number.isFinite(a.latencyMs)) parts.push(`${a.latencyMs.toLocaleString('zh-CN')} 毫秒`);
  return parts.join(' · ');
}

/** The 尝试次数 cell: how many attempts, and the last one's outcome (never the objects themselves). */
export function attemptsSummary(d: Pick<Delivery, 'attempts' | 'status'>): string {
  const list = Array.isArray(d.attempts) ? d.attempts : [];
  if (list.length === 0) return d.status === 'pending' ? '尚未发送' : '0 次';
  const last = list[list.length - 1];
  return `${list.length} 次（最近${last.ok ? '成功' : '失败'}）`;
}

/** The last error a delivery met, if any (the reason a failed delivery failed). */
export function lastError(d: Pick<Delivery, 'attempts'>): string | null {
  const list = Array.isArray(d.attempts) ? d.attempts : [];
  for (let i = list.length - 1; i >= 0; i--) if (list[i].error) return list[i].error;
  return null;
}

/**
 * Who a delivery went to, in words: the person, the unit's duty webhook (town-duty:<town>), the robot,
 * a phone (masked), the mail list; never a bare code.
 */
export function recipientText(
  d: Pick<Delivery, 'recipient' | 'recipientName' | 'channel'>,
  channelLabel: string,
  nameOf: (code: string) => string,
): string {
  if (d.recipientName) return d.recipientName;
  const duty = d.recipient.match(/^(county|town|village)-duty:(\d+)$/);
  if (duty) return `${nameOf(duty[2])}值班（默认接口）`;
  if (d.recipient.startsWith('paired-cadre:')) return '帮扶责任人';
  if (d.recipient === d.channel) return channelLabel;
  if (/^1\d{10}$/.test(d.recipient)) return `${d.recipient.slice(0, 3)}****${d.recipient.slice(7)}`;
  return d.recipient;
}
