import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Logger,
  Post,
  Query,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { z } from 'zod';
import { CheckInRecord, zhTypeError } from '@lib/contracts';
import { Public } from '@lib/auth';
import { APP_CONFIG, fieldError, PublicIntegration, ZodValidationPipe } from '@lib/service-kit';
import { SupervisionConfig } from '../config';
import { IngestCheckIns } from '../ingestion/use-cases/ingest-check-ins.usecase';
import { DingTalkCrypto, DingTalkCryptoError, timestampProblem } from '@lib/crypto';
import { DingTalkCheckRecord, DingTalkEvent, toCheckInRecord } from './dingtalk-event';

const CallbackQuery = z
  .object({
    msg_signature: z.string().max(128).optional(),
    signature: z.string().max(128).optional(),
    timestamp: z
      .string(zhTypeError({ required: '必填' }))
      .min(1)
      .max(32),
    nonce: z
      .string(zhTypeError({ required: '必填' }))
      .min(1)
      .max(64),
  })
  .passthrough()
  .refine((q) => q.msg_signature ?? q.signature, { message: '必填', path: ['msg_signature'] });
type CallbackQuery = z.infer<typeof CallbackQuery>;

const CallbackBody = z.object({
  encrypt: z
    .string(zhTypeError({ required: '必填' }))
    .min(1)
    .max(4_000_000),
});

/** Issues the first 400 of the records: its index and field. */
function validateRecords(list: unknown[]): CheckInRecord[] {
  return list.map((raw, i) => {
    const d = DingTalkCheckRecord.safeParse(raw);
    if (!d.success)
      throw fieldError(`DataList.${i}.${d.error.issues[0].path.join('.')}`, d.error.issues[0].message);
    const r = CheckInRecord.safeParse(toCheckInRecord(d.data));
    if (!r.success)
      throw fieldError(`DataList.${i}.${r.error.issues[0].path.join('.')}`, r.error.issues[0].message);
    return r.data;
  });
}

/**
 * DingTalk event subscription (钉钉事件订阅, HTTP push): signed and AES-encrypted callbacks.
 * Answers the `check_url` handshake and `attendance_check_record` events with an encrypted `success`.
 * Any other event type is acknowledged and ignored.
 */
@Public() // the callback's signature and owner key are its credentials
@Controller('api/v1/integrations/dingtalk')
export class DingTalkController {
  private readonly logger = new Logger(DingTalkController.name);
  private readonly crypto: DingTalkCrypto | null;

  constructor(
    @Inject(APP_CONFIG) config: SupervisionConfig,
    private readonly ingest: IngestCheckIns,
  ) {
    this.crypto =
      config.DINGTALK_TOKEN && config.DINGTALK_AES_KEY && config.DINGTALK_OWNER_KEY
        ? new DingTalkCrypto({
            token: config.DINGTALK_TOKEN,
            encodingAesKey: config.DINGTALK_AES_KEY,
            ownerKey: config.DINGTALK_OWNER_KEY,
          })
        : null;
  }

  @Post('callback')
  @HttpCode(200)
  // DingTalk sends no bearer token: the gateway lets the callback through to the signature check here
  @PublicIntegration('钉钉事件回调 (DingTalk callback)')
  async callback(
    @Query(new ZodValidationPipe(CallbackQuery)) q: CallbackQuery,
    @Body(new ZodValidationPipe(CallbackBody)) body: z.infer<typeof CallbackBody>,
  ) {
    if (!this.crypto)
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'Service Unavailable',
        message: '未配置钉钉回调 (DINGTALK_TOKEN, DINGTALK_AES_KEY and DINGTALK_OWNER_KEY are not set)',
      });
    const stale = timestampProblem(q.timestamp, Date.now());
    if (stale) {
      this.logger.warn(`DingTalk callback refused: ${stale}`);
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message: `钉钉回调时间戳无效或已过期 (DingTalk callback refused: ${stale})`,
      });
    }
    let plain: string;
    try {
      plain = this.crypto.verifyAndDecrypt(
        (q.msg_signature ?? q.signature)!,
        q.timestamp,
        q.nonce,
        body.encrypt,
      );
    } catch (e) {
      if (!(e instanceof DingTalkCryptoError)) throw e;
      this.logger.warn(`DingTalk callback refused: ${e.message}`);
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message: `钉钉回调验证失败 (DingTalk callback refused: ${e.message})`,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(plain);
    } catch {
      throw fieldError('encrypt', '解密后不是 JSON (decrypted message is not JSON)');
    }
    const event = DingTalkEvent.safeParse(json);
    if (!event.success)
      throw fieldError(event.error.issues[0].path.join('.') || 'EventType', event.error.issues[0].message);
    if (event.data.EventType === 'attendance_check_record') {
      const records = validateRecords(event.data.DataList ?? []);
      const result = await this.ingest.execute(records, 'dingtalk');
      this.logger.log(`DingTalk attendance_check_record: ${JSON.stringify(result)}`);
    }
    return this.crypto.reply('success', String(Date.now()));
  }
}
