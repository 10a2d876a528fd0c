import { ConflictException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { RoleGrant, Scope, unitChain } from '@lib/auth';
import { pageOf, Store } from '@lib/persistence';
import { User } from './users.schema';

/** Users within a scope: those holding any role at a unit inside it. */
export function usersInScope(scope: Scope): Record<string, unknown> {
  if (scope.all) return {};
  return { scopeCodes: { $in: [...scope.counties, ...scope.towns, ...scope.villages] } };
}

/**
 * Users whose names a caller may read: those inside the caller's scope, and those holding a role at
 * a unit above it (the town official or county staff who acted on a village's alert).
 */
export function colleaguesOf(scope: Scope): Record<string, unknown> {
  if (scope.all) return {};
  const units = [...scope.counties, ...scope.towns, ...scope.villages, ...(scope.pairedOnly?.units ?? [])];
  const above = [...new Set(units.flatMap(unitChain))];
  return { $or: [{ scopeCodes: { $in: units } }, { 'roles.unit': { $in: above } }] };
}

export const scopeCodesOf = (roles: RoleGrant[]) => [...new Set(roles.flatMap((r) => unitChain(r.unit)))];

@Injectable()
export class UsersStore {
  private readonly store: Store<User>;

  constructor(@InjectModel(User.name) private readonly model: Model<User>) {
    this.store = Store.of(model);
  }

  async create(user: User): Promise<void> {
    if (!(await this.store.insertNew(user)))
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `用户名已存在 (username taken): ${user.username}`,
        problems: [{ field: 'username', reason: 'already taken' }],
      });
  }

  /** For sign-in only (no scope: the user is not signed in yet). */
  byUsername(username: string) {
    return this.model.findOne({ username }).lean<User>().exec();
  }

  /** For token refresh: the session names the user. */
  byIdForSession(id: string) {
    return this.model.findOne({ _id: id }).lean<User>().exec();
  }

  findById(scope: Scope, id: string) {
    return this.model
      .findOne({ _id: id, ...usersInScope(scope) })
      .lean<User>()
      .exec();
  }

  /** Display names only (no roles, no usernames), for the users a caller may know. */
  namesOf(scope: Scope, ids: string[]) {
    return this.model
      .find({ _id: { $in: ids }, ...colleaguesOf(scope) }, { displayName: 1 })
      .lean<Pick<User, '_id' | 'displayName'>[]>()
      .exec();
  }

  list(scope: Scope, page: number, pageSize: number) {
    return pageOf(this.model, usersInScope(scope), { username: 1 }, page, pageSize, { passwordHash: 0 });
  }

  /** The bootstrap administrator's name, mended at start-up (no scope: no caller). */
  async rename(id: string, displayName: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { displayName } }).exec();
  }

  update(scope: Scope, id: string, set: Partial<Pick<User, 'roles' | 'disabled' | 'scopeCodes'>>) {
    return this.model
      .findOneAndUpdate({ _id: id, ...usersInScope(scope) }, { $set: set }, { returnDocument: 'after' })
      .lean<User>()
      .exec();
  }
}
