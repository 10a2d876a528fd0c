import { Module } from '@nestjs/common';
import { IngestionModule } from '../ingestion/ingestion.module';
import { DingTalkController } from './dingtalk.controller';

@Module({ imports: [IngestionModule], controllers: [DingTalkController] })
export class DingTalkModule {}
