// first: OpenTelemetry patches http before anything loads it (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set)
import '@lib/service-kit/tracing';
import 'reflect-metadata';
import { loadConfig, startService } from '@lib/service-kit';
import { AppModule } from './app.module';
import { requestsConfigSchema } from './config';

async function main() {
  const config = loadConfig(requestsConfigSchema);
  await startService({
    module: AppModule.register(config),
    port: config.PORT,
    host: config.HOST,
    metricsPort: config.METRICS_PORT,
    // the public form is rate-limited per address: the gateway's X-Forwarded-For names the caller
    trustProxy: config.REQUESTS_TRUSTED_PROXIES,
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
