import { DynamicModule, Module } from '@nestjs/common';
import { PairingsModule } from '@lib/persistence';
import { Redis } from 'ioredis';
import { Topics } from '@lib/contracts';
import { REDIS_CONNECTION, ServiceKitModule } from '@lib/service-kit';
import { AssistanceModule } from './assistance/assistance.module';
import { BeneficiariesModule } from './beneficiaries/beneficiaries.module';
import { ProjectsClock } from './clock';
import { PROJECTS_CONFIG, ProjectsConfig } from './config';
import { DistributionsModule } from './distributions/distributions.module';
import { HouseholdDirectoryModule } from './household-directory/household-directory.module';
import { ProgressModule } from './progress/progress.module';
import { ProjectsModule } from './projects/projects.module';
import { RecordsModule } from './records/records.module';

@Module({})
export class AppModule {
  static register(config: ProjectsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          name: 'projects',
          config,
          database: config.MONGO_DB,
          publishes: [Topics.projects],
          providers: [
            { provide: PROJECTS_CONFIG, useValue: config },
            ProjectsClock,
            {
              provide: REDIS_CONNECTION,
              // BullMQ workers need maxRetriesPerRequest: null (block on Redis rather than fail jobs).
              useFactory: () => new Redis(config.REDIS_URL, { maxRetriesPerRequest: null }),
            },
          ],
        }),
        HouseholdDirectoryModule,
        PairingsModule,
        // one module per feature; routes are registered in the order the modules are first met, so the
        // fixed paths (projects/progress, projects/households/:id) come before projects/:id
        ProgressModule,
        DistributionsModule,
        ProjectsModule,
        BeneficiariesModule,
        RecordsModule,
        AssistanceModule,
      ],
    };
  }
}
