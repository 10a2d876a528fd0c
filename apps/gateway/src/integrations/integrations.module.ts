import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { IntegrationClientsController } from './integrations.controller';
import { ApiKey, ApiKeySchema } from './integrations.schema';
import { ApiKeysStore } from './integrations.store';
import { CreateIntegrationClient } from './use-cases/create-integration-client.usecase';
import { RevokeIntegrationClient } from './use-cases/revoke-integration-client.usecase';

/** 外部系统接入: integration clients and their signing keys. */
@Module({
  imports: [MongooseModule.forFeature([{ name: ApiKey.name, schema: ApiKeySchema }])],
  controllers: [IntegrationClientsController],
  providers: [ApiKeysStore, CreateIntegrationClient, RevokeIntegrationClient],
  exports: [ApiKeysStore],
})
export class IntegrationsModule {}
