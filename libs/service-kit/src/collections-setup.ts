import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import type { CreateIndexesOptions, Db, IndexSpecification } from 'mongodb';
import { Migration, MigrationRunner } from '@lib/persistence';

/** The app's data migrations (ServiceKitOptions.migrations), run once collections exist. */
export const APP_MIGRATIONS = Symbol('APP_MIGRATIONS');

/** MongoDB's codes for an index that exists with other options (or another name) than asked. */
const INDEX_OPTIONS_CONFLICT = 85;
const INDEX_KEY_SPECS_CONFLICT = 86;

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

  /**
   * An index whose options changed in the schema (e.g. alerts' openKey became unique *sparse*) is refused
   * by MongoDB while the old one stands (IndexOptionsConflict): each such index is dropped and created
   * again with its new options, the others left as they are. FerretDB 1.24 ignores `sparse` (PostgreSQL's
   * unique indexes leave out documents without the field anyway), so it never gets here.
   */
  private async rebuildChangedIndexes(model: Model<unknown>) {
    const existing = await model.collection.indexes();
    for (const [keys, options] of model.schema.indexes()) {
      try {
        await model.collection.createIndex(keys as IndexSpecification, options as CreateIndexesOptions);
      } catch (e) {
        const code = (e as { code?: number }).code;
        if (code !== INDEX_OPTIONS_CONFLICT && code !== INDEX_KEY_SPECS_CONFLICT) throw e;
        const old = existing.find((i) => JSON.stringify(i.key) === JSON.stringify(keys));
        if (!old?.name) throw e;
        this.logger.warn(`index ${model.collection.collectionName}.${old.name}: options changed, rebuilt`);
        await model.collection.dropIndex(old.name);
        await model.collection.createIndex(keys as IndexSpecification, options as CreateIndexesOptions);
      }
    }
  }

  private async createAll() {
    const started = Date.now();
    const models = Object.values(this.connection.models);
    for (const model of models) {
      await model.createCollection().catch((e: { codeName?: string; code?: number }) => {
        if (e.codeName !== 'NamespaceExists' && e.code !== 48) throw e;
      });
      await model.createIndexes().catch(async (e: { code?: number }) => {
        if (e.code !== INDEX_OPTIONS_CONFLICT && e.code !== INDEX_KEY_SPECS_CONFLICT) throw e;
        await this.rebuildChangedIndexes(model);
      });
    }
    this.logger.log(`${models.length} collections and their indexes ready in ${Date.now() - started} ms`);
    if (this.migrations.length)
      await new MigrationRunner(this.connection.db as unknown as Db, this.migrations).run();
  }
}
