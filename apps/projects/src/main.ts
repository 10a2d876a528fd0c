// first: OpenTelemetry patches http before anything loads it (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set)
import '@lib/service-kit/tracing';
import 'reflect-metadata';
import { Topics } from '@lib/contracts';
import { kafkaSettingsOf, loadConfig, startService } from '@lib/service-kit';
import { AppModule } from './app.module';
import { projectsConfigSchema } from './config';

async function main() {
  const config = loadConfig(projectsConfigSchema);
  await startService({
    module: AppModule.register(config),
    port: config.PORT,
    host: config.HOST,
    metricsPort: config.METRICS_PORT,
    consumer: {
      kafka: kafkaSettingsOf(config, 'projects'),
      groupId: `${config.KAFKA_TOPIC_PREFIX}${config.KAFKA_GROUP_ID}`,
      topics: [Topics.households],
    },
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
