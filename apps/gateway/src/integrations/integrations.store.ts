import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { KeyRing } from '@lib/crypto';
import { usersInScope } from '../users/users.store';
import { ApiKey } from './integrations.schema';
import { Store } from '@lib/persistence';

@Injectable()
export class ApiKeysStore {
  private readonly store: Store<ApiKey>;

  constructor(
    @InjectModel(ApiKey.name) private readonly model: Model<ApiKey>,
    private readonly secrets: KeyRing,
  ) {
    this.store = Store.of(model);
  }

  /** The secret is sealed (AES-256-GCM) before it is stored. */
  async create(key: ApiKey) {
    await this.store.insert({ ...key, secret: this.secrets.seal(key.secret) });
  }

  /** For request verification: an active key by id, with its secret opened. */
  async active(keyId: string) {
    const key = await this.model.findOne({ _id: keyId, revokedAt: null }).lean<ApiKey>().exec();
    if (!key) return null;
    // keys created before secrets were sealed still verify
    return this.secrets.isSealed(key.secret) ? { ...key, secret: this.secrets.open(key.secret) } : key;
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
