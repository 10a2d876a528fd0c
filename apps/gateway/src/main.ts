// first: OpenTelemetry patches http before anything loads it (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set)
import '@lib/service-kit/tracing';
import 'reflect-metadata';
import { loadConfig, startService } from '@lib/service-kit';
import { AppModule, isOwnPath } from './app.module';
import { gatewayConfigSchema } from './config';

async function main() {
  const config = loadConfig(gatewayConfigSchema);
  await startService({
    module: AppModule.register(config),
    port: config.PORT,
    host: config.HOST,
    metricsPort: config.METRICS_PORT,
    // only the gateway's own API is parsed here: the proxy streams every other body to its app unread
    parseBodiesOf: (req) => isOwnPath(req.url ?? '/'),
    trustProxy: config.GATEWAY_TRUST_PROXY,
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
