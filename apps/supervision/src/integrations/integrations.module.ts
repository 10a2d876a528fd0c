import { Module } from '@nestjs/common';
import { IngestionModule } from '../ingestion/ingestion.module';
import { SignedCheckInsController, SignedRequestVerifier } from './signed-check-ins.controller';

@Module({
  imports: [IngestionModule],
  controllers: [SignedCheckInsController],
  providers: [SignedRequestVerifier],
})
export class IntegrationsModule {}
