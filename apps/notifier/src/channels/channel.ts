/** What every channel adapter (webhook, DingTalk robot, WeCom robot, SMS, email) does. */
export interface OutgoingNotification {
  deliveryId: string;
  alertId: string;
  severity: string;
  title: string;
  message: string;
  townCode: string;
  villageCode: string;
  subjectId: string;
  /** Set on an escalation (升级提醒): 1 the town, 2 the county, then county repeats. */
  escalationLevel?: number;
  /** Set when this message is a digest: the alerts it carries (robots under their rate limit). */
  digestOf?: DigestItem[];
}

export interface DigestItem {
  alertId: string;
  severity: string;
  title: string;
  villageCode: string;
}

export interface ChannelResult {
  ok: boolean;
  status?: number;
  error?: string;
  /** The receiver says we send too fast (robots: errcode 130101 / 45009); back off, merge into digests. */
  rateLimited?: boolean;
}

export interface Channel<T = string> {
  readonly name: string;
  send(target: T, n: OutgoingNotification): Promise<ChannelResult>;
}
