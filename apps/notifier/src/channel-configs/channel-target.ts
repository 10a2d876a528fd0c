import { ChannelTarget } from '../channels/channel-target';
import { maskSecret, maskUrl } from './domain/secret-box';

export { ChannelTarget, recipientsOf } from '../channels/channel-target';
export type { ChannelKind } from '../channels/channel-target';

/** The target as the API shows it: token-bearing URLs and secrets masked, the rest as is. */
export function maskTarget(t: ChannelTarget): Record<string, unknown> {
  switch (t.kind) {
    case 'dingtalk-robot':
      return { ...t, url: maskUrl(t.url), secret: maskSecret(t.secret) };
    case 'wecom-robot':
      return { ...t, url: maskUrl(t.url) };
    case 'sms':
      return { ...t, appKey: maskSecret(t.appKey), secret: maskSecret(t.secret) };
    case 'email':
      return { ...t, smtpUrl: maskUrl(t.smtpUrl) };
    case 'webhook':
      return { ...t, url: maskUrl(t.url), secret: maskSecret(t.secret) };
  }
}
