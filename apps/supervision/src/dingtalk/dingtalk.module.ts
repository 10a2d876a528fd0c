import { Module } from '@nestjs/common';
import { IngestionModule } from '../ingestion/ingestion.module';
import { DingTalkController } from './dingtalk.controller';

/** 钉钉回调: DingTalk's check-in callback, decoded and handed to the check-in pipeline (ingestion). */
@Module({
  imports: [IngestionModule],
  controllers: [DingTalkController],
})
export class DingTalkModule {}
