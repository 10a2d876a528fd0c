import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, DynamicModule, Get, Module, Redirect } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { Public } from '@lib/auth';

/** Where the console's static files are: next to the compiled app (npm run build copies them), else the checkout's. */
export function consoleDir(): string {
  const candidates = [
    path.resolve(__dirname, '../../console'),
    path.resolve(process.cwd(), 'apps/gateway/console'),
  ];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`the console's files are missing (looked in ${candidates.join(', ')})`);
  return found;
}

function echartsDir(): string {
  return path.join(path.dirname(require.resolve('echarts/package.json')), 'dist');
}

@Controller()
export class ConsoleRedirectController {
  /** The gateway's root opens the console. */
  @Get()
  @Public()
  @Redirect('/console/', 302)
  root() {}
}

/**
 * The web console (控制台): static pages served by the gateway at /console/, calling /api/v1 with the
 * signed-in user's token. Charts: Apache ECharts, served from its npm package.
 */
@Module({})
export class ConsoleModule {
  static register(): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        ServeStaticModule.forRoot(
          { rootPath: echartsDir(), serveRoot: '/console/vendor/echarts' },
          { rootPath: consoleDir(), serveRoot: '/console' },
        ),
      ],
      controllers: [ConsoleRedirectController],
    };
  }
}
