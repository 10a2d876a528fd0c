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
      // A backlog of check-ins goes in runs of ~800 records a partition rather than ~400: every run
      // costs a fixed few statements (journal chunk, insert, days) and a member-day seen twice in a
      // run is written once. A caught-up consumer's runs stay small (latency unchanged).
      maxBytesPerPartition: 512 * 1024,
    },
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
