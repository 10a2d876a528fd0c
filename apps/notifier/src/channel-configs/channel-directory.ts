import { Injectable } from '@nestjs/common';
import { SERVICE_SCOPE } from '@lib/auth';
import { ChannelConfig } from './channel-configs.schema';
import { ChannelConfigsStore } from './channel-configs.store';
import { ChannelTarget } from './channel-target';
import { SecretBox } from './domain/secret-box';

/** What the worker and the planner know of channels: candidates for an alert, opened targets. */
@Injectable()
export class ChannelDirectory {
  constructor(
    private readonly channels: ChannelConfigsStore,
    private readonly box: SecretBox,
  ) {}

  candidatesFor(villageCode: string): Promise<ChannelConfig[]> {
    return this.channels.forVillage(villageCode);
  }

  /** The channel's target in clear (for sending only); null if it was deleted since. */
  async targetOf(channelId: string): Promise<ChannelTarget | null> {
    const c = await this.channels.findById(SERVICE_SCOPE, channelId);
    return c ? (JSON.parse(this.box.open(c.sealed)) as ChannelTarget) : null;
  }
}
