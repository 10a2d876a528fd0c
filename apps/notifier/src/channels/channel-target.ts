import { z } from 'zod';

const HttpUrl = z
  .string()
  .url('须为网址')
  .refine((u) => /^https?:\/\//.test(u), '须为 http(s) 网址');
const Mobile = z.string().regex(/^1\d{10}$/, '须为 11 位手机号码');
const Email = z.string().email('须为电子邮箱地址');

/** Where one configured channel sends: everything needed to call it, secrets included. */
export const ChannelTarget = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('dingtalk-robot'),
      url: HttpUrl,
      secret: z.string().min(1).max(200),
      atMobiles: z.array(Mobile).max(50).default([]),
    })
    .strict(),
  z.object({ kind: z.literal('wecom-robot'), url: HttpUrl }).strict(),
  z
    .object({
      kind: z.literal('sms'),
      url: HttpUrl,
      appKey: z.string().min(1).max(200),
      secret: z.string().min(1).max(200),
      templateId: z.string().min(1).max(100),
      phones: z.array(Mobile).min(1).max(50),
    })
    .strict(),
  z
    .object({
      kind: z.literal('email'),
      smtpUrl: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL'),
      from: Email,
      to: z.array(Email).min(1).max(50),
    })
    .strict(),
  z.object({ kind: z.literal('webhook'), url: HttpUrl, secret: z.string().max(200).default('') }).strict(),
]);
export type ChannelTarget = z.infer<typeof ChannelTarget>;
export type ChannelKind = ChannelTarget['kind'];

/** The recipients one channel stands for: a robot or webhook is one; SMS is one per phone. */
export function recipientsOf(t: ChannelTarget): string[] {
  switch (t.kind) {
    case 'sms':
      return t.phones;
    case 'email':
      return [t.to.join(',')];
    default:
      return [t.kind];
  }
}
