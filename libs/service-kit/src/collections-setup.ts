import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import type { Db } from 'mongodb';
import { Migration, MigrationRunner } from '@lib/persistence';

/** The app's data migrations (ServiceKitOptions.migrations), run once collections exist. */
export const APP_MIGRATIONS = Symbol('APP_MIGRATIONS');

/**
 * Creates every model's collection and indexes at start, one at a time (mongoose's autoCreate and
 * autoIndex are off). FerretDB 1.24 can stall every connection when several collections are created
 * at once (seen with a dozen models starting together under load); MongoDB does not mind either way.
 */
@Injectable()
export class CollectionsSetup implements OnModuleInit {
  private readonly logger = new Logger(CollectionsSetup.name);

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Optional() @Inject(APP_MIGRATIONS) private readonly migrations: Migration[] = [],
  ) {}

  private done: Promise<void> | null = null;

  onModuleInit() {
    return this.ready();
  }

  /**
   * Resolves once every collection and index exists and the app's migrations have run (each once per
   * database, libs/persistence); start-up seeds wait on it before writing.
   */
  ready(): Promise<void> {
    this.done ??= this.createAll();
    return this.done;
  }

  private async createAll() {
    const started = Date.now();
    const models = Object.values(this.connection.models);
    for (const model of models) {
      await model.createCollection().catch((e: { codeName?: string; code?: number }) => {
        if (e.codeName !== 'NamespaceExists' && e.code !== 48) throw e;
      });
      await model.createIndexes();
    }
    this.logger.log(`${models.length} collections and their indexes ready in ${Date.now() - started} ms`);
    if (this.migrations.length)
      await new MigrationRunner(this.connection.db as unknown as Db, this.migrations).run();
  }
}
