import { Injectable } from '@nestjs/common';
import { assertCovers, Principal, Scope } from '@lib/auth';
import { newApiKey } from '../domain/api-key';
import { CreateIntegrationClientBody } from '../integrations.dto';
import { ApiKeysStore } from '../integrations.store';

/** A new integration client at a unit of the caller's scope; its secret is in this answer only. */
@Injectable()
export class CreateIntegrationClient {
  constructor(private readonly keys: ApiKeysStore) {}

  async execute(scope: Scope, caller: Principal, body: CreateIntegrationClientBody) {
    assertCovers(scope, body.unit);
    const key = newApiKey(body, caller.sub, new Date());
    await this.keys.create(key);
    return { keyId: key._id, secret: key.secret, name: key.name, unit: key.unit, createdAt: key.createdAt };
  }
}
