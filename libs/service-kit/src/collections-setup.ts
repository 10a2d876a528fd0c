import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';

/**
 * Creates every model's collection and indexes at start, one at a time (mongoose's autoCreate and
 * autoIndex are off). FerretDB 1.24 can stall every connection when several collections are created
 * at once (seen with a dozen models starting together under load); MongoDB does not mind either way.
 */
@Injectable()
export class CollectionsSetup implements OnModuleInit {
  private readonly logger = new Logger(CollectionsSetup.name);

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private done: Promise<void> | null = null;

  onModuleInit() {
    return this.ready();
  }

  /** Resolves once every collection and index exists; start-up seeds wait on it before writing. */
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
  }
}
