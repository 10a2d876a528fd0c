// first: OpenTelemetry patches http before anything loads it (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set)
import '@lib/service-kit/tracing';
import 'reflect-metadata';
import { Topics } from '@lib/contracts';
import { kafkaSettingsOf, loadConfig, startService } from '@lib/service-kit';
import { AppModule } from './app.module';
import { householdsConfigSchema } from './config';

async function main() {
  const config = loadConfig(householdsConfigSchema);
  await startService({
    module: AppModule.register(config),
    port: config.PORT,
    host: config.HOST,
    metricsPort: config.METRICS_PORT,
    // monitoring's recorded income and the 监测范围 lines, read by 风险消除
    consumer: {
      kafka: kafkaSettingsOf(config, 'households'),
      groupId: `${config.KAFKA_TOPIC_PREFIX}${config.KAFKA_GROUP_ID}`,
      topics: [Topics.monitoring],
    },
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
