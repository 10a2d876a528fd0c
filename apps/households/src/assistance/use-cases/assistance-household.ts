import { Scope, notFound } from '@lib/auth';
import { fieldConflict } from '@lib/service-kit';
import { Household } from '../../households/households.schema';
import { HouseholdsStore } from '../../households/households.store';
import { closedReason } from '../domain/assistance';

/** The household in the caller's scope (404 otherwise). */
export async function householdIn(households: HouseholdsStore, scope: Scope, id: string): Promise<Household> {
  const h = await households.load(scope, id);
  if (!h) throw notFound(`未找到该户 (no household ${id})`);
  return h;
}

/** A household to record assistance on: a closed one (注销) is read-only (409). */
export async function openHouseholdIn(households: HouseholdsStore, scope: Scope, id: string) {
  const h = await householdIn(households, scope, id);
  const closed = closedReason(h);
  if (closed) throw fieldConflict('status', closed);
  return h;
}
