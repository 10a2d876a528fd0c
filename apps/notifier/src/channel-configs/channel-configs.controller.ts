import { NotifierPermissions } from '@lib/contracts';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  OnApplicationShutdown,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CallerScope, covers, forbidden, notFound, OrgUnit, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { OutgoingNotification } from '../channels/channel';
import { ChannelSender } from '../channels/channel-sender';
import { NotifierConfig } from '../config';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { ChannelConfig, OrgLevel } from './channel-configs.schema';
import { ChannelConfigsStore } from './channel-configs.store';
import { ChannelTarget, maskTarget, recipientsOf } from './channel-target';
import { SecretBox } from './domain/secret-box';

/** Who configures channels: the county's and towns' administrators, within their units. */
const manageChannels = NotifierPermissions.manageChannels;

const ChannelBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    unit: OrgUnit,
    roles: z.array(z.string().min(1).max(50)).max(20).default([]),
    enabled: z.boolean().default(true),
    target: ChannelTarget,
  })
  .strict();
type ChannelBody = z.infer<typeof ChannelBody>;

const ListQuery = z
  .object({
    unit: OrgUnit.optional(),
    kind: z.string().max(30).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

const ChannelId = z.string().uuid('须为推送渠道编号');

const LEVEL: Record<number, OrgLevel> = { 6: 'county', 9: 'town', 12: 'village' };

/** What the API shows: never the sealed value, the target masked. */
const present = ({ _id, sealed: _sealed, masked, ...rest }: ChannelConfig) => ({
  id: _id,
  ...rest,
  target: masked,
});

/** The message a channel test sends: plainly a test, naming the channel, never an alert. */
export function testNotification(c: ChannelConfig, at = new Date()): OutgoingNotification {
  const id = randomUUID().replace(/-/g, '');
  return {
    deliveryId: `test-${id}`,
    alertId: `test-${id}`,
    severity: 'low',
    title: '推送渠道测试消息',
    message: `这是一条测试消息：推送渠道「${c.name}」配置正确，能收到预警。无需处理。（${at.toISOString().slice(0, 16).replace('T', ' ')} UTC）`,
    townCode: c.townCode ?? '',
    villageCode: c.villageCode ?? '',
    subjectId: 'channel-test',
  };
}

/** Per-org-unit channels (robots, SMS, email, webhooks); URLs and secrets sealed at rest. */
@Controller('api/v1/channels')
export class ChannelConfigsController implements OnApplicationShutdown {
  private readonly sender: ChannelSender;

  constructor(
    private readonly channels: ChannelConfigsStore,
    private readonly box: SecretBox,
    @Inject(NOTIFIER_CONFIG) config: NotifierConfig,
  ) {
    this.sender = new ChannelSender(config.DELIVERY_TIMEOUT_MS, config.NOTIFIER_WEBHOOK_SECRET);
  }

  onApplicationShutdown() {
    this.sender.close();
  }

  private record(body: ChannelBody): Omit<ChannelConfig, '_id' | 'createdAt'> {
    const u = body.unit;
    return {
      name: body.name,
      kind: body.target.kind,
      unit: u,
      level: LEVEL[u.length],
      countyCode: u.slice(0, 6),
      townCode: u.length >= 9 ? u.slice(0, 9) : null,
      villageCode: u.length === 12 ? u : null,
      roles: body.roles,
      recipients: recipientsOf(body.target),
      enabled: body.enabled,
      sealed: this.box.seal(JSON.stringify(body.target)),
      masked: maskTarget(body.target),
      updatedAt: new Date(),
    };
  }

  @Post()
  @Roles(...manageChannels)
  async create(@CallerScope() scope: Scope, @Body(new ZodValidationPipe(ChannelBody)) body: ChannelBody) {
    if (!covers(scope, body.unit)) throw forbidden();
    const doc: ChannelConfig = { _id: randomUUID(), ...this.record(body), createdAt: new Date() };
    await this.channels.create(doc);
    return present(doc);
  }

  @Put(':id')
  @Roles(...manageChannels)
  async replace(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ChannelId)) id: string,
    @Body(new ZodValidationPipe(ChannelBody)) body: ChannelBody,
  ) {
    if (!covers(scope, body.unit)) throw forbidden();
    if (!(await this.channels.update(scope, id, this.record(body))))
      throw notFound(`未找到该推送渠道 (no channel ${id})`);
    return present((await this.channels.findById(scope, id))!);
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
    const doc = await this.channels.findById(scope, id);
    if (!doc) throw notFound(`未找到该推送渠道 (no channel ${id})`);
    const target = JSON.parse(this.box.open(doc.sealed)) as ChannelTarget;
    const started = Date.now();
    const result = await this.sender.send(target, doc.recipients[0] ?? '', testNotification(doc));
    return {
      channelId: id,
      ok: result.ok,
      status: result.status ?? null,
      error: result.ok ? null : (result.error ?? '发送失败 (send failed)'),
      latencyMs: Date.now() - started,
      at: new Date(started),
    };
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...manageChannels)
  async remove(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(ChannelId)) id: string) {
    if (!(await this.channels.remove(scope, id))) throw notFound(`未找到该推送渠道 (no channel ${id})`);
  }
}
