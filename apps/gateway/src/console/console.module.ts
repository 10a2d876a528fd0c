import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';

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

/** Paths that are never the console's, whatever is asked: they answer as the API does (JSON). */
const NOT_CONSOLE = /^\/(api|health|\.well-known)(\/|$)/;

/**
 * Serves the web console (控制台, apps/console) at /: its files, and index.html for any other GET
 * that is not the API, health or the key set, so the console's routes can be bookmarked. Registered
 * after the gateway's own routes (onModuleInit runs once the router is in place), so it only sees
 * what they did not answer; it never handles errors, so a refused API request keeps its own answer.
 * Hashed assets are cached for a year; index.html never, so a new build is picked up at once.
 */
@Injectable()
class ConsoleFiles implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit() {
    const dir = consoleDir();
    const index = path.join(dir, 'index.html');
    const app = this.adapter.httpAdapter.getInstance<express.Express>();
    const files = express.static(dir, {
      index: false,
      setHeaders: (res, file) =>
        res.setHeader(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
    app.use((req: Request, res: Response, next: NextFunction) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(req.path)) return next();
      files(req, res, () => {
        res.setHeader('cache-control', 'no-cache');
        res.sendFile(index);
      });
    });
  }
}

@Module({ providers: [ConsoleFiles] })
export class ConsoleModule {
  static register() {
    return { module: ConsoleModule };
  }
}
