import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { DepartmentFactsStore } from '../department-facts.store';
import { ListDepartmentFactsQuery } from '../department-facts.dto';

/** The facts matched to households, and those waiting for one, within the caller's scope. */
@Injectable()
export class ListFacts {
  constructor(private readonly store: DepartmentFactsStore) {}

  unmatched(scope: Scope, q: ListDepartmentFactsQuery) {
    return this.store.listWith(scope, { ...q, status: 'unmatched' });
  }

  list(scope: Scope, q: ListDepartmentFactsQuery) {
    return this.store.listWith(scope, { ...q, status: 'matched' });
  }
}
