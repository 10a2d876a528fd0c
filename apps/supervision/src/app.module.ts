import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@lib/contracts';
import { Redis } from 'ioredis';
import { REDIS_CONNECTION, ServiceKitModule } from '@lib/service-kit';
import { migrations } from './migrations';
import { AttendanceModule } from './attendance/attendance.module';
import { CheckInsModule } from './checkins/check-ins.module';
import { SupervisionConfig } from './config';
import { DingTalkModule } from './dingtalk/dingtalk.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { TeamsApiModule } from './teams/teams-api.module';
import { WorkLogsApiModule } from './worklogs/work-logs-api.module';
import { LeavesApiModule } from './leaves/leaves-api.module';
import { InspectionsModule } from './inspections/inspections.module';
import { FundsModule } from './funds/funds.module';
import { VisitsHandlerModule } from './visits/visits-handler.module';
import { CalendarApiModule } from './calendar/calendar-api.module';

@Module({})
export class AppModule {
  static register(config: SupervisionConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          name: 'supervision',
          migrations,
          config,
          database: config.MONGO_DB,
          publishes: [Topics.supervision],
          // Nonces of signed requests (SET NX with a TTL); also checked by /health/ready.
          providers: [{ provide: REDIS_CONNECTION, useFactory: () => new Redis(config.REDIS_URL) }],
        }),
        TeamsApiModule,
        CheckInsModule,
        AttendanceModule,
        IngestionModule,
        DingTalkModule,
        IntegrationsModule,
        WorkLogsApiModule,
        LeavesApiModule,
        InspectionsModule,
        FundsModule,
        VisitsHandlerModule,
        CalendarApiModule,
      ],
    };
  }
}
