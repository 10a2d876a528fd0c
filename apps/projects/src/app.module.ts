import { DynamicModule, Module } from '@nestjs/common';
import { PairingsModule } from '@lib/persistence';
import { Redis } from 'ioredis';
import { Topics } from '@lib/contracts';
import { REDIS_CONNECTION, ServiceKitModule } from '@lib/service-kit';
import { PROJECTS_CONFIG, ProjectsConfig } from './config';
import { HouseholdDirectoryModule } from './household-directory/household-directory.module';
import { ProjectsModule } from './projects/projects.module';

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
            {
              provide: REDIS_CONNECTION,
              // BullMQ workers need maxRetriesPerRequest: null (block on Redis rather than fail jobs).
              useFactory: () => new Redis(config.REDIS_URL, { maxRetriesPerRequest: null }),
            },
          ],
        }),
        HouseholdDirectoryModule,
        PairingsModule,
        ProjectsModule,
      ],
    };
  }
}
