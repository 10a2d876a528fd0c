import { GatewayPermissions } from '@lib/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { presentApiKey } from './domain/api-key';
import { CreateIntegrationClientBody, KeyId } from './integrations.dto';
import { ApiKeysStore } from './integrations.store';
import { CreateIntegrationClient } from './use-cases/create-integration-client.usecase';
import { RevokeIntegrationClient } from './use-cases/revoke-integration-client.usecase';

/** API keys of integration clients (systems that push data), managed by county administrators. */
@Controller('api/v1/integration-clients')
export class IntegrationClientsController {
  constructor(
    private readonly keys: ApiKeysStore,
    private readonly createClient: CreateIntegrationClient,
    private readonly revokeClient: RevokeIntegrationClient,
  ) {}

  /** The secret is in this answer only: it is never shown again. */
  @Post()
  @HttpCode(201)
  @Roles(...GatewayPermissions.adminUsers)
  create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Body(new ZodValidationPipe(CreateIntegrationClientBody)) body: CreateIntegrationClientBody,
  ) {
    return this.createClient.execute(scope, caller, body);
  }

  @Get()
  @Roles(...GatewayPermissions.adminUsers)
  async list(@CallerScope() scope: Scope) {
    const items = await this.keys.list(scope);
    return { items: items.map(presentApiKey) };
  }

  @Delete(':keyId')
  @HttpCode(204)
  @Roles(...GatewayPermissions.adminUsers)
  async revoke(@CallerScope() scope: Scope, @Param('keyId', new ZodValidationPipe(KeyId)) keyId: string) {
    await this.revokeClient.execute(scope, keyId);
  }
}
