import { randomUUID } from 'node:crypto';
import { DynamicModule, Injectable, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { activeTraceId } from '@lib/messaging';
import { trace } from '@opentelemetry/api';
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
import { closeMetricsServer } from './metrics';
import { stopTracing } from './tracing';

/** Log fields of the active trace (OpenTelemetry's names), on every line written inside it. */
export function traceLogFields(): Record<string, string> {
  const sc = trace.getActiveSpan()?.spanContext();
  if (!sc || !trace.isSpanContextValid(sc)) return {};
  return { trace_id: sc.traceId, span_id: sc.spanId, trace_flags: `0${sc.traceFlags.toString(16)}` };
}

/** At shutdown: the spans still buffered are sent, the metrics listener closes. */
@Injectable()
class ObservabilityLifecycle implements OnApplicationShutdown {
  async onApplicationShutdown() {
    await closeMetricsServer();
    await stopTracing();
  }
}

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
            autoLogging: {
              ignore: (req) => /^\/(health|metrics)/.test(req.url ?? ''),
            },
            mixin: traceLogFields,
            // the request id is the trace id (one id from the gateway to the last app), else a uuid
            genReqId: (_req, res) => {
              const id = activeTraceId() ?? randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
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
        ObservabilityLifecycle,
        ...extra,
      ],
      exports: [APP_CONFIG, CollectionsSetup, ...extra],
    };
  }
}
