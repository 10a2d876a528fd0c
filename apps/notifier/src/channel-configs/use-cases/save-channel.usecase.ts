import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Scope } from '@lib/auth';
import type { ChannelBody } from '../channel-configs.dto';
import { ChannelConfig } from '../channel-configs.schema';
import { ChannelConfigsStore } from '../channel-configs.store';
import { maskTarget } from '../channel-target';
import { channelRecordOf } from '../domain/channel-record';
import { SecretBox } from '../domain/secret-box';

/** Configures a channel (new, or replacing one within the caller's scope): its target sealed, a masked copy kept. */
@Injectable()
export class SaveChannel {
  constructor(
    private readonly channels: ChannelConfigsStore,
    private readonly box: SecretBox,
  ) {}

  private record(body: ChannelBody): Omit<ChannelConfig, '_id' | 'createdAt'> {
    return channelRecordOf(
      body,
      this.box.seal(JSON.stringify(body.target)),
      maskTarget(body.target),
      new Date(),
    );
  }

  async create(body: ChannelBody): Promise<ChannelConfig> {
    const doc: ChannelConfig = { _id: randomUUID(), ...this.record(body), createdAt: new Date() };
    await this.channels.create(doc);
    return doc;
  }

  /** The channel as now stored; null when the scope has no channel of that id. */
  async replace(scope: Scope, id: string, body: ChannelBody): Promise<ChannelConfig | null> {
    if (!(await this.channels.update(scope, id, this.record(body)))) return null;
    return this.channels.findById(scope, id);
  }
}
