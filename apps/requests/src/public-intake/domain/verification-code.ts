/**
 * The public form's phone check, pure: a 6-digit code, kept only as a keyed hash, compared in
 * constant time; and the refusals a resident reads (Chinese first).
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function codeHash(key: string, phoneHash: string, code: string): string {
  return createHmac('sha256', key).update(`${phoneHash}|${code}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Why a code or a submission is refused, in the words the resident reads. */
export const IntakeRefusals = {
  wrongCode: '验证码不正确，请核对短信中的 6 位数字',
  noCode: '验证码已过期或未获取，请先点击“获取验证码”',
  codeSpent: '验证码错误次数过多，已失效，请重新获取',
  cooldown: (s: number) => `验证码已发送，请 ${s} 秒后再试`,
  phoneFlood: (n: number) => `该手机号 1 小时内获取验证码已达 ${n} 次，请稍后再试`,
  ipFlood: '当前网络提交过于频繁，请稍后再试',
  dailySubmissions: (n: number) => `该手机号今日已提交 ${n} 件诉求，请明日再试或直接联系村干部`,
  smsDown: '短信发送失败，请稍后再试（短信网关暂不可用）',
} as const;
