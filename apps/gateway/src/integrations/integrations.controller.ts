import { GatewayPermissions } from '@lib/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  assertCovers,
  Caller,
  CallerScope,
  notFound,
  OrgUnit,
  Principal,
  Roles,
  Scope,
  unitChain,
} from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { ApiKeysStore } from './integrations.store';

const CreateIntegrationClientBody = z
  .object({ name: z.string().trim().min(1, '必填').max(64), unit: OrgUnit })
  .strict();
type CreateIntegrationClientBody = z.infer<typeof CreateIntegrationClientBody>;
const KeyId = z.string().regex(/^ik_[A-Za-z0-9_-]{16}$/, '须为接入密钥编号');

/** API keys of integration clients (systems that push data), managed by county administrators. */
@Controller('api/v1/integration-clients')
export class IntegrationClientsController {
  constructor(private readonly keys: ApiKeysStore) {}

  /** The secret is in this answer only: it is never shown again. */
  @Post()
  @HttpCode(201)
  @Roles(...GatewayPermissions.adminUsers)
  async create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Body(new ZodValidationPipe(CreateIntegrationClientBody)) body: CreateIntegrationClientBody,
  ) {
    assertCovers(scope, body.unit);
    const keyId = `ik_${randomBytes(12).toString('base64url')}`;
    const secret = randomBytes(32).toString('base64url');
    const createdAt = new Date();
    await this.keys.create({
      _id: keyId,
      name: body.name,
      unit: body.unit,
      scopeCodes: unitChain(body.unit),
      secret,
      createdAt,
      createdBy: caller.sub,
      revokedAt: null,
    });
    return { keyId, secret, name: body.name, unit: body.unit, createdAt };
  }

  @Get()
  @Roles(...GatewayPermissions.adminUsers)
  async list(@CallerScope() scope: Scope) {
    const items = await this.keys.list(scope);
    return { items: items.map(({ _id, scopeCodes: _s, ...rest }) => ({ keyId: _id, ...rest })) };
  }

  @Delete(':keyId')
  @HttpCode(204)
  @Roles(...GatewayPermissions.adminUsers)
  async revoke(@CallerScope() scope: Scope, @Param('keyId', new ZodValidationPipe(KeyId)) keyId: string) {
    if (!(await this.keys.revoke(scope, keyId))) throw notFound(`未找到该密钥 (no active api key ${keyId})`);
  }
}
