import { Injectable, OnModuleInit } from '@nestjs/common';
import { CollectionsSetup } from '@lib/service-kit';
import { RuleVersionsRepository } from './rules/rule-versions.repository';
import { ThresholdsRepository } from './thresholds/thresholds.repository';

/**
 * Prepares storage at start, strictly in sequence: once service-kit has made every collection and
 * its indexes (one at a time) and run the migrations (libs/persistence), the seeds (monitoring
 * lines, default rule catalogue). FerretDB 1.24 can wedge a fresh database for good when
 * collections are created, indexed and written to concurrently.
 */
@Injectable()
export class StorageInit implements OnModuleInit {
  constructor(
    private readonly collections: CollectionsSetup,
    private readonly thresholds: ThresholdsRepository,
    private readonly versions: RuleVersionsRepository,
  ) {}

  async onModuleInit() {
    await this.collections.ready();
    await this.thresholds.seed();
    await this.versions.seed();
  }
}
