// first: OpenTelemetry patches http before anything loads it (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set)
import '@lib/service-kit/tracing';
import 'reflect-metadata';
import { Topics } from '@lib/contracts';
import { kafkaSettingsOf, loadConfig, startService } from '@lib/service-kit';
import { AppModule } from './app.module';
import { supervisionConfigSchema } from './config';

async function main() {
  const config = loadConfig(supervisionConfigSchema);
  await startService({
    module: AppModule.register(config),
    port: config.PORT,
    host: config.HOST,
    metricsPort: config.METRICS_PORT,
    // The signed endpoint signs the exact bytes; a batch of 500 check-ins is a few hundred kB.
    rawBody: true,
    jsonBodyLimit: '2mb',
    consumer: {
      kafka: kafkaSettingsOf(config, 'supervision'),
      groupId: `${config.KAFKA_TOPIC_PREFIX}${config.KAFKA_GROUP_ID}`,
      // raw check-ins; monitoring's visits prove daytime presence
      topics: [Topics.supervisionCheckins, Topics.monitoring],
    },
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
