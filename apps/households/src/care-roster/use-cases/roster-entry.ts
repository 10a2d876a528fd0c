import { ConflictException, NotFoundException } from '@nestjs/common';
import { notFound, Scope } from '@lib/auth';
import { CareRosterStore } from '../care-roster.store';

export const conflict = (field: string, message: string, reason: string) =>
  new ConflictException({ statusCode: 409, error: 'Conflict', message, problems: [{ field, reason }] });

/** A referenced record that does not exist or lies outside the scope: 404 naming the field. */
export const missing = (field: string, message: string) =>
  new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    message,
    problems: [{ field, reason: 'not found' }],
  });

/** The entry on the roster within the caller's scope (404 otherwise). */
export async function entryIn(roster: CareRosterStore, scope: Scope, id: string) {
  const e = await roster.one(scope, id);
  if (!e) throw notFound(`未找到该关爱对象 (no roster entry ${id})`);
  return e;
}
