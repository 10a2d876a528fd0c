import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

/** Where the built console is (npm run build → dist/console), next to the compiled gateway or in the checkout. */
export function consoleDir(): string {
  const candidates = [
    path.resolve(__dirname, '../../../../console'),
    path.resolve(process.cwd(), 'dist/console'),
  ];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
  if (!found)
    throw new Error(`the console is not built (run npm run build; looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The web console (控制台, apps/console): a single-page application served at /. Any path that is not
 * the API, health or the key set answers the console's index.html, so its routes can be bookmarked.
 * Hashed assets are cached for a year; index.html never, so a new build is picked up at once.
 */
@Module({})
export class ConsoleModule {
  static register(): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: consoleDir(),
          exclude: ['/api/{*path}', '/health/{*path}', '/.well-known/{*path}'],
          serveStaticOptions: {
            index: 'index.html',
            setHeaders: (res: ServerResponse, file: string) => {
              res.setHeader(
                'cache-control',
                file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
              );
            },
          },
        }),
      ],
    };
  }
}
