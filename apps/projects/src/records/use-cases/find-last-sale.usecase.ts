import { Injectable } from '@nestjs/common';
import { SalesStore } from '../records.store';

/** Read-only: the day of a project's latest sale, or null. Exported: the progress check finds stalled sales (滞销). */
@Injectable()
export class FindLastSale {
  constructor(private readonly sales: SalesStore) {}

  execute(projectId: string): Promise<string | null> {
    return this.sales.lastSaleOn(projectId);
  }
}
