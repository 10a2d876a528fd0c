import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { APP_CONFIG } from '@lib/service-kit';
import { RequestsConfig } from '../config';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { DeadlineWatch } from './deadline-watch';
import { PhoneCipher } from './phone-cipher';
import { PhoneReads } from './phone-reads';
import { RequestStatistics } from './request-statistics';
import { ResidentRequest, ResidentRequestSchema } from './resident-request.schema';
import { ResidentRequestsController } from './resident-requests.controller';
import { ResidentRequestsStore } from './resident-requests.store';
import { RaiseDeadlineNotices } from './use-cases/raise-deadline-notices.usecase';
import { ReceiveRequest } from './use-cases/receive-request.usecase';
import { WorkRequest } from './use-cases/work-request.usecase';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: ResidentRequest.name, schema: ResidentRequestSchema }]),
    DeadlinesModule,
  ],
  controllers: [ResidentRequestsController],
  providers: [
    {
      provide: PhoneCipher,
      inject: [APP_CONFIG],
      useFactory: (c: RequestsConfig) =>
        new PhoneCipher(
          c.REQUESTS_PII_KEYS,
          c.REQUESTS_PII_ACTIVE_KEY_ID ?? [...c.REQUESTS_PII_KEYS.keys()][0],
          c.REQUESTS_PHONE_HASH_KEY,
        ),
    },
    ResidentRequestsStore,
    ReceiveRequest,
    WorkRequest,
    RaiseDeadlineNotices,
    DeadlineWatch,
    RequestStatistics,
    PhoneReads,
  ],
  /** The public form takes requests in through the same use case. */
  exports: [ReceiveRequest, PhoneCipher],
})
export class ResidentRequestsModule {}
