import 'reflect-metadata';
import { loadConfig, startService } from '@lib/service-kit';
import { AppModule } from './app.module';
import { gatewayConfigSchema } from './config';

async function main() {
  const config = loadConfig(gatewayConfigSchema);
  // raw bodies: request signatures are over the exact bytes, and the proxy forwards them unchanged
  await startService({
    module: AppModule.register(config),
    port: config.PORT,
    host: config.HOST,
    rawBody: true,
    // as large as the largest body an app takes: a signed batch of 500 check-ins (supervision)
    jsonBodyLimit: '2mb',
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
