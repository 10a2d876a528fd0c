import 'reflect-metadata';
import { loadConfig, startService } from '@lib/service-kit';
import { AppModule } from './app.module';
import { householdsConfigSchema } from './config';

async function main() {
  const config = loadConfig(householdsConfigSchema);
  await startService({ module: AppModule.register(config), port: config.PORT, host: config.HOST });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
