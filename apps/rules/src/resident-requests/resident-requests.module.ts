import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { RequestDeadlinesConsumer } from './request-deadlines.consumer';

/** 诉求办理超期: the requests app's deadlines raised and resolved as alerts. */
@Module({
  imports: [AlertsModule],
  controllers: [RequestDeadlinesConsumer],
})
export class ResidentRequestsModule {}
