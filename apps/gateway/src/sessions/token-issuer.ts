import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { CryptoKey } from 'jose';
import { loadSigningKey, Principal, signAccessToken, VERIFICATION_KEY, verifyAccessToken } from '@lib/auth';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';

/** Signs access tokens. At start it checks that the apps' verification key is this key's pair. */
@Injectable()
export class TokenIssuer implements OnModuleInit {
  private key: CryptoKey | null = null;
  publicJwk: Record<string, unknown> = {};

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(VERIFICATION_KEY) private readonly verificationKey: CryptoKey,
  ) {}

  async onModuleInit() {
    const { privateKey, publicJwk } = await loadSigningKey(this.config);
    this.key = privateKey;
    this.publicJwk = publicJwk;
    const probe = await signAccessToken(
      privateKey,
      { sub: 'probe', kind: 'service', name: 'probe', grants: [] },
      60,
    );
    await verifyAccessToken(this.verificationKey, probe.token).catch(() => {
      throw new Error(
        'Invalid configuration:\n  AUTH_JWT_PUBLIC_KEY: is not the public key of AUTH_JWT_PRIVATE_KEY',
      );
    });
  }

  issue(principal: Omit<Principal, 'jti'>, ttlSeconds = this.config.ACCESS_TOKEN_TTL_SECONDS) {
    if (!this.key) throw new Error('signing key not loaded');
    return signAccessToken(this.key, principal, ttlSeconds);
  }
}
