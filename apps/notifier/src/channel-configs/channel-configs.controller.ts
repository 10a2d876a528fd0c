import { NotifierPermissions } from '@lib/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, covers, forbidden, notFound, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { ChannelBody, ChannelId, ListQuery } from './channel-configs.dto';
import { ChannelConfig } from './channel-configs.schema';
import { ChannelConfigsStore } from './channel-configs.store';
import { SaveChannel } from './use-cases/save-channel.usecase';
import { TestChannel } from './use-cases/test-channel.usecase';

/** Who configures channels: the county's and towns' administrators, within their units. */
const manageChannels = NotifierPermissions.manageChannels;

/** What the API shows: never the sealed value, the target masked. */
const present = ({ _id, sealed: _sealed, masked, ...rest }: ChannelConfig) => ({
  id: _id,
  ...rest,
  target: masked,
});

/** Per-org-unit channels (robots, SMS, email, webhooks); URLs and secrets sealed at rest. */
@Controller('api/v1/channels')
export class ChannelConfigsController {
  constructor(
    private readonly channels: ChannelConfigsStore,
    private readonly saveChannel: SaveChannel,
    private readonly testChannel: TestChannel,
  ) {}

  @Post()
  @Roles(...manageChannels)
  async create(@CallerScope() scope: Scope, @Body(new ZodValidationPipe(ChannelBody)) body: ChannelBody) {
    if (!covers(scope, body.unit)) throw forbidden();
    return present(await this.saveChannel.create(body));
  }

  @Put(':id')
  @Roles(...manageChannels)
  async replace(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ChannelId)) id: string,
    @Body(new ZodValidationPipe(ChannelBody)) body: ChannelBody,
  ) {
    if (!covers(scope, body.unit)) throw forbidden();
    const doc = await this.saveChannel.replace(scope, id, body);
    if (!doc) throw notFound(`未找到该推送渠道 (no channel ${id})`);
    return present(doc);
  }

  @Get()
  @Roles(...manageChannels)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListQuery)) q: z.infer<typeof ListQuery>,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.channels.list(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }

  @Get(':id')
  @Roles(...manageChannels)
  async get(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(ChannelId)) id: string) {
    const doc = await this.channels.findById(scope, id);
    if (!doc) throw notFound(`未找到该推送渠道 (no channel ${id})`);
    return present(doc);
  }

  /**
   * 发送测试消息: sends one test message through the channel now (an SMS channel: to its first
   * phone) and answers what the receiver said. Not an alert: nothing is logged as a delivery. A
   * receiver that refuses is still a 200 with `ok: false` and its reason (the test worked; the channel did not).
   */
  @Post(':id/test')
  @HttpCode(200)
  @Roles(...manageChannels)
  async test(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(ChannelId)) id: string) {
    const result = await this.testChannel.run(scope, id);
    if (!result) throw notFound(`未找到该推送渠道 (no channel ${id})`);
    return result;
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...manageChannels)
  async remove(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(ChannelId)) id: string) {
    if (!(await this.channels.remove(scope, id))) throw notFound(`未找到该推送渠道 (no channel ${id})`);
  }
}
