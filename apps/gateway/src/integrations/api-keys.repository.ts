import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { usersInScope } from '../users/users.repository';
import { ApiKey } from './api-key.schema';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectModel(ApiKey.name) private readonly model: Model<ApiKey>) {}

  async create(key: ApiKey) {
    await this.model.collection.insertOne(key as never);
  }

  /** For request verification: an active key by id. */
  active(keyId: string) {
    return this.model.findOne({ _id: keyId, revokedAt: null }).lean<ApiKey>().exec();
  }

  list(scope: Scope) {
    return this.model
      .find(usersInScope(scope), { secret: 0 })
      .sort({ createdAt: -1 })
      .limit(500)
      .lean<ApiKey[]>()
      .exec();
  }

  revoke(scope: Scope, keyId: string) {
    return this.model
      .findOneAndUpdate(
        { _id: keyId, revokedAt: null, ...usersInScope(scope) },
        { $set: { revokedAt: new Date() } },
      )
      .lean<ApiKey>()
      .exec();
  }
}
