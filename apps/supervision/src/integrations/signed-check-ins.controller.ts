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
import { Redis } from 'ioredis';
import { z } from 'zod';
import { Public, RedisNonceStore, SignatureRejected, verifySignedRequest } from '@lib/auth';
import { CheckInRecord } from '@lib/contracts';
import { APP_CONFIG, REDIS_CONNECTION, ZodValidationPipe } from '@lib/service-kit';
import { SupervisionConfig } from '../config';
import { IngestCheckIns } from '../ingestion/ingest-check-ins.usecase';
import { parseSecrets } from './integration-clients';

export const MAX_BATCH = 500;

interface RawRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody?: Buffer;
}

export const CheckInBatchBody = z
  .object({ records: z.array(CheckInRecord).min(1, 'must hold at least one record').max(MAX_BATCH) })
  .strict();
type CheckInBatchBody = z.infer<typeof CheckInBatchBody>;

/** Verifies signatures (HMAC-SHA256, ±5 min, single-use nonces in Redis) of integration clients. */
@Injectable()
export class SignedRequestVerifier implements OnApplicationShutdown {
  private readonly clients: Map<string, string>;
  private readonly nonces: RedisNonceStore;

  constructor(
    @Inject(APP_CONFIG) config: SupervisionConfig,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
  ) {
    this.clients = parseSecrets(config.INTEGRATION_SECRETS);
    this.nonces = new RedisNonceStore(redis, `${config.REDIS_PREFIX}nonce`);
  }

  /** The client's key id; 401 when the signature, timestamp or nonce is refused. */
  async verify(req: RawRequest): Promise<string> {
    try {
      const client = await verifySignedRequest(
        {
          method: req.method,
          pathWithQuery: req.originalUrl,
          headers: req.headers,
          body: req.rawBody ?? Buffer.alloc(0),
        },
        async (keyId) => {
          const secret = this.clients.get(keyId);
          return secret ? { keyId, secret } : null;
        },
        this.nonces,
      );
      return client.keyId;
    } catch (e) {
      if (!(e instanceof SignatureRejected)) throw e;
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message: `签名验证失败 (signature refused: ${e.message})`,
      });
    }
  }

  async onApplicationShutdown() {
    await this.redis.quit().catch(() => undefined);
  }
}

/**
 * Our signed JSON endpoint for other systems (GPS terminals, our app): up to 500 check-in records
 * per request, in the schema of apps/supervision/README.md. Public to the token guard: the
 * request signature is the credential.
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
    // The signature first (401), then the records (400 naming records.<index>.<field>).
    const client = await this.verifier.verify(req);
    const body: CheckInBatchBody = new ZodValidationPipe(CheckInBatchBody).transform(raw, { type: 'body' });
    const result = await this.ingest.execute(body.records, 'signed-api');
    this.logger.log(`signed check-ins from ${client}: ${JSON.stringify(result)}`);
    return result;
  }
}
