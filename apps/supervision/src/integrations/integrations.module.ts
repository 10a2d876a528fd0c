import { Module } from '@nestjs/common';
import { IngestionModule } from '../ingestion/ingestion.module';
import { SignedCheckInsController, SignedRequestVerifier } from './integrations.controller';

/** 签名接入: the signed JSON endpoint of integration clients, handed to the check-in pipeline (ingestion). */
@Module({
  imports: [IngestionModule],
  controllers: [SignedCheckInsController],
  providers: [SignedRequestVerifier],
})
export class IntegrationsModule {}
