import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  Post,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import type { CryptoKey } from 'jose';
import { Redis } from 'ioredis';
import { z } from 'zod';
import {
  bearerOf,
  forbidden,
  InvalidToken,
  Public,
  RedisNonceStore,
  SignatureHeaders,
  SignatureRejected,
  unauthorized,
  verifyAccessToken,
  verifySignedRequest,
  VERIFICATION_KEY,
} from '@lib/auth';
import { CheckInRecord } from '@lib/contracts';
import { APP_CONFIG, REDIS_CONNECTION, ZodValidationPipe } from '@lib/service-kit';
import { SupervisionConfig } from '../config';
import { IngestCheckIns } from '../ingestion/use-cases/ingest-check-ins.usecase';
import { IntegrationClient, parseSecrets } from './integration-clients';

export const MAX_BATCH = 500;

interface RawRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody?: Buffer;
}

export const CheckInBatchBody = z
  .object({ records: z.array(CheckInRecord).min(1, '至少包含一条记录').max(MAX_BATCH) })
  .strict();
type CheckInBatchBody = z.infer<typeof CheckInBatchBody>;

/** Verifies signatures (HMAC-SHA256, ±5 min, single-use nonces in Redis) of integration clients. */
@Injectable()
export class SignedRequestVerifier implements OnApplicationShutdown {
  private readonly clients: Map<string, IntegrationClient>;
  private readonly nonces: RedisNonceStore;

  constructor(
    @Inject(APP_CONFIG) config: SupervisionConfig,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    @Inject(VERIFICATION_KEY) private readonly key: CryptoKey,
  ) {
    this.clients = parseSecrets(config.INTEGRATION_SECRETS);
    this.nonces = new RedisNonceStore(redis, `${config.REDIS_PREFIX}nonce`);
  }

  /** The client's key id and org unit; 401 when the signature, timestamp or nonce is refused. */
  async verify(req: RawRequest): Promise<{ keyId: string; unit: string }> {
    try {
      const client = await verifySignedRequest(
        {
          method: req.method,
          pathWithQuery: req.originalUrl,
          headers: req.headers,
          body: req.rawBody ?? Buffer.alloc(0),
        },
        async (keyId) => {
          const known = this.clients.get(keyId);
          return known ? { keyId, secret: known.secret } : null;
        },
        this.nonces,
      );
      return { keyId: client.keyId, unit: this.clients.get(client.keyId)!.unit };
    } catch (e) {
      if (!(e instanceof SignatureRejected)) throw e;
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message: `签名验证失败 (signature refused: ${e.message})`,
      });
    }
  }

  /**
   * A request the gateway forwards for one of its integration keys: the gateway checked the
   * signature and sends an access token with the key's `integration-client` grant (or a service
   * token, which speaks for every unit). 401 without a valid token, 403 for other roles.
   */
  async fromToken(req: RawRequest): Promise<{ keyId: string; unit: string | null }> {
    const token = bearerOf(req.headers.authorization);
    if (!token) throw unauthorized();
    let principal;
    try {
      principal = await verifyAccessToken(this.key, token);
    } catch (e) {
      if (e instanceof InvalidToken) throw unauthorized();
      throw e;
    }
    if (principal.grants.some((g) => g.role === 'service')) return { keyId: principal.name, unit: null };
    const units = [
      ...new Set(principal.grants.filter((g) => g.role === 'integration-client').map((g) => g.unit)),
    ];
    if (units.length !== 1) throw forbidden();
    return { keyId: principal.name, unit: units[0] };
  }

  async onApplicationShutdown() {
    await this.redis.quit().catch(() => undefined);
  }
}

/**
 * Our signed JSON endpoint for other systems (GPS terminals, our app): up to 500 check-in records
 * per request, in the schema of apps/supervision/README.md. Public to the token guard: the
 * request signature is the credential (INTEGRATION_SECRETS), or, forwarded by the gateway, the
 * token it issues for its own integration keys.
 */
@Public()
@Controller('api/v1/integrations/checkins')
export class SignedCheckInsController {
  private readonly logger = new Logger(SignedCheckInsController.name);

  constructor(
    private readonly verifier: SignedRequestVerifier,
    private readonly ingest: IngestCheckIns,
  ) {}

  @Post()
  @HttpCode(200)
  async push(@Req() req: RawRequest, @Body() raw: unknown) {
    // The credential first (401), then the records (400 naming records.<index>.<field>).
    const client = req.headers[SignatureHeaders.key]
      ? await this.verifier.verify(req)
      : await this.verifier.fromToken(req);
    const body: CheckInBatchBody = new ZodValidationPipe(CheckInBatchBody).transform(raw, { type: 'body' });
    // The client speaks for its org unit only: members elsewhere are kept aside as unmatched.
    const result = await this.ingest.execute(body.records, 'signed-api', client.unit);
    this.logger.log(`signed check-ins from ${client.keyId}: ${JSON.stringify(result)}`);
    return result;
  }
}
