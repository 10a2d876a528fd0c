// first: OpenTelemetry patches http before anything loads it (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set)
import '@lib/service-kit/tracing';
import 'reflect-metadata';
import { Topics } from '@lib/contracts';
import { kafkaSettingsOf, loadConfig, startService } from '@lib/service-kit';
import { AppModule } from './app.module';
import { rulesConfigSchema } from './config';
import { checkRulesSubscriptions, RULES_TOPICS } from './evaluation/evaluation.consumer';

async function main() {
  const config = loadConfig(rulesConfigSchema);
  checkRulesSubscriptions();
  await startService({
    module: AppModule.register(config),
    port: config.PORT,
    host: config.HOST,
    metricsPort: config.METRICS_PORT,
    consumer: {
      kafka: kafkaSettingsOf(config, 'rules'),
      groupId: `${config.KAFKA_TOPIC_PREFIX}${config.KAFKA_GROUP_ID}`,
      // requests.events.v1: 诉求办理超期 (resident-requests/request-deadlines.consumer.ts)
      topics: [...RULES_TOPICS, Topics.requests],
    },
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
