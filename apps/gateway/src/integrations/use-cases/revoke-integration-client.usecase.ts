import { Injectable } from '@nestjs/common';
import { notFound, Scope } from '@lib/auth';
import { ApiKeysStore } from '../integrations.store';

/** Revokes an active key in the caller's scope (404 otherwise): its signed requests are refused from now on. */
@Injectable()
export class RevokeIntegrationClient {
  constructor(private readonly keys: ApiKeysStore) {}

  async execute(scope: Scope, keyId: string): Promise<void> {
    if (!(await this.keys.revoke(scope, keyId))) throw notFound(`未找到该密钥 (no active api key ${keyId})`);
  }
}
