import { DynamicModule, Module, Provider } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '@lib/auth';
import { MessagingModule } from '@lib/messaging';
import { BaseConfig, kafkaSettingsOf } from './config';
import { Migration } from '@lib/persistence';
import { APP_MIGRATIONS, CollectionsSetup } from './collections-setup';
import { RequestBodyErrors } from './request-body-errors';
import { DependencyHealth, HealthController } from './health';

export const APP_CONFIG = Symbol('APP_CONFIG');

export interface ServiceKitOptions<C extends BaseConfig> {
  /** The app's name: Kafka client id, log name. */
  name: string;
  config: C;
  /** The app's own database (no app reads another app's collections). */
  database: string;
  /** Base topic names this app publishes to. */
  publishes: string[];
  /** The app's data migrations, in order (libs/persistence), run at start once collections exist. */
  migrations?: Migration[];
  /** Extra global providers (e.g. a Redis connection for health). */
  providers?: Provider[];
}

/**
 * What every app has: validated config, JSON logs, its database, Kafka producer + outbox, health,
 * and the access-token guard on every HTTP handler (libs/auth).
 */
@Module({})
export class ServiceKitModule {
  static forRoot<C extends BaseConfig>(options: ServiceKitOptions<C>): DynamicModule {
    const { config } = options;
    const extra = options.providers ?? [];
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            name: options.name,
            level: config.LOG_LEVEL,
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
        }),
        MongooseModule.forRoot(config.MONGO_URL, {
          dbName: options.database,
          serverSelectionTimeoutMS: 5_000,
          // created one at a time by CollectionsSetup (FerretDB stalls on concurrent creates)
          autoCreate: false,
          autoIndex: false,
        }),
        MessagingModule.forRoot({
          publishes: options.publishes,
          useFactory: () => kafkaSettingsOf(config, options.name),
        }),
        TerminusModule.forRoot({ logger: false }),
        AuthModule.forRoot(config),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_MIGRATIONS, useValue: options.migrations ?? [] },
        DependencyHealth,
        CollectionsSetup,
        RequestBodyErrors,
        ...extra,
      ],
      exports: [APP_CONFIG, CollectionsSetup, ...extra],
    };
  }
}
