import { Channel, ChannelResult, OutgoingNotification } from './channel';
import {
  dingTalkMarkdownBody,
  dingTalkSignedUrl,
  ROBOT_RATE_LIMITED,
  weComMarkdownBody,
} from './domain/robot-messages';

async function postJson(
  url: string,
  body: unknown,
  timeoutMs: number,
  idempotencyKey: string,
): Promise<ChannelResult & { errcode?: number }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      // robots ignore Idempotency-Key; relays and test sinks use it to drop a repeat
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const reply = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
    if (!res.ok) return { ok: false, status: res.status, error: `HTTP ${res.status}` };
    // robots answer 200 with an errcode: only 0 is success
    const errcode = reply?.errcode ?? -1;
    if (errcode === 0) return { ok: true, status: res.status };
    return {
      ok: false,
      status: res.status,
      errcode,
      rateLimited: ROBOT_RATE_LIMITED.has(errcode),
      error: `errcode ${errcode}: ${reply?.errmsg ?? 'no reply'}`,
    };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** DingTalk group robot (钉钉群机器人) with the signed-URL security setting. */
export class DingTalkRobotChannel implements Channel<{ url: string; secret: string; atMobiles?: string[] }> {
  readonly name = 'dingtalk-robot';
  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  send(target: { url: string; secret: string; atMobiles?: string[] }, n: OutgoingNotification) {
    const url = dingTalkSignedUrl(target.url, target.secret, this.now());
    return postJson(url, dingTalkMarkdownBody(n, target.atMobiles), this.timeoutMs, n.deliveryId);
  }
}

/** WeCom group robot (企业微信群机器人): the key is in the URL. */
export class WeComRobotChannel implements Channel<{ url: string }> {
  readonly name = 'wecom-robot';
  constructor(private readonly timeoutMs: number) {}

  send(target: { url: string }, n: OutgoingNotification) {
    return postJson(target.url, weComMarkdownBody(n), this.timeoutMs, n.deliveryId);
  }
}
