import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@lib/contracts';
import { Redis } from 'ioredis';
import { REDIS_CONNECTION, ServiceKitModule } from '@lib/service-kit';
import { migrations } from './migrations';
import { SupervisionConfig } from './config';
import { AttendanceModule } from './attendance/attendance.module';
import { TeamsModule } from './teams/teams.module';
import { CalendarModule } from './calendar/calendar.module';
import { CheckInsModule } from './checkins/checkins.module';
import { LeavesModule } from './leaves/leaves.module';
import { VisitsModule } from './visits/visits.module';
import { WorkLogsModule } from './worklogs/worklogs.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { DingTalkModule } from './dingtalk/dingtalk.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { InspectionsModule } from './inspections/inspections.module';
import { FundsModule } from './funds/funds.module';

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
        TeamsModule,
        CalendarModule,
        CheckInsModule,
        LeavesModule,
        VisitsModule,
        WorkLogsModule,
        AttendanceModule,
        IngestionModule,
        DingTalkModule,
        IntegrationsModule,
        InspectionsModule,
        FundsModule,
      ],
    };
  }
}
