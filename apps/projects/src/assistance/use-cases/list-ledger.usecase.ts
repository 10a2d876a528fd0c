import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { AssistanceStore } from '../assistance.store';
import type { Ledger } from '../domain/ledgers';

/** A ledger's records in the caller's scope (a paired cadre sees their households' only): a page, or all for the export. */
@Injectable()
export class ListLedger {
  constructor(private readonly store: AssistanceStore) {}

  page(scope: Scope, ledger: Ledger, filter: Record<string, unknown>, page: number, pageSize: number) {
    return this.store.list(scope, ledger, filter, page, pageSize);
  }

  /** Every record of the ledger in scope, newest first, at most 10 000. */
  all(scope: Scope, ledger: Ledger, filter: Record<string, unknown>) {
    return this.store.all(scope, ledger, filter);
  }
}
