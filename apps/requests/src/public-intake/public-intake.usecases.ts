import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { PublicRequestBody } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { REQUESTS_CONFIG, RequestsConfig } from '../config';
import { PhoneCipher } from '../resident-requests/phone-cipher';
import { ReceiveRequest } from '../resident-requests/use-cases/receive-request.usecase';
import { codeHash, IntakeRefusals, newCode, sameHash } from './domain/verification-code';
import { SmsSender } from './sms-sender';
import { VerificationCodesStore } from './verification-codes.store';

/** 429 naming the field and the reason, like every refusal (nothing stored). */
function tooMany(field: string, reason: string): HttpException {
  return new HttpException(
    { statusCode: 429, error: 'Too Many Requests', message: reason, problems: [{ field, reason }] },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/**
 * 群众自助提交 (no account): the resident asks for a code by SMS, then files the request with it.
 * Codes and counters live in Redis; a request is stored only once its code checked out.
 */
@Injectable()
export class PublicIntake {
  constructor(
    @Inject(REQUESTS_CONFIG) private readonly config: RequestsConfig,
    private readonly codes: VerificationCodesStore,
    private readonly sms: SmsSender,
    private readonly phones: PhoneCipher,
    private readonly receive: ReceiveRequest,
  ) {}

  async sendCode(phone: string, ip: string): Promise<{ sent: true; expiresInSeconds: number }> {
    const c = this.config;
    if (!this.sms.configured)
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'Service Unavailable',
        message: IntakeRefusals.smsDown,
      });
    const phoneHash = this.phones.hash(phone);
    if ((await this.codes.hit('ip', ip, 3600)) > c.REQUESTS_SMS_PER_IP_PER_HOUR)
      throw tooMany('phone', IntakeRefusals.ipFlood);
    if (!(await this.codes.coolDown(phoneHash, c.REQUESTS_SMS_COOLDOWN_SECONDS)))
      throw tooMany('phone', IntakeRefusals.cooldown(c.REQUESTS_SMS_COOLDOWN_SECONDS));
    if ((await this.codes.hit('phone', phoneHash, 3600)) > c.REQUESTS_SMS_PER_PHONE_PER_HOUR)
      throw tooMany('phone', IntakeRefusals.phoneFlood(c.REQUESTS_SMS_PER_PHONE_PER_HOUR));
    const code = newCode();
    await this.codes.put(
      phoneHash,
      { hash: codeHash(c.REQUESTS_PHONE_HASH_KEY, phoneHash, code), tries: 0 },
      c.REQUESTS_SMS_CODE_TTL_SECONDS,
    );
    if (!(await this.sms.sendCode(phone, code, randomUUID()))) {
      await this.codes.spend(phoneHash);
      await this.codes.clearCoolDown(phoneHash);
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'Service Unavailable',
        message: IntakeRefusals.smsDown,
      });
    }
    return { sent: true, expiresInSeconds: c.REQUESTS_SMS_CODE_TTL_SECONDS };
  }

  async submit(body: PublicRequestBody, ip: string) {
    const c = this.config;
    if ((await this.codes.hit('ip', ip, 3600)) > c.REQUESTS_SMS_PER_IP_PER_HOUR)
      throw tooMany('phone', IntakeRefusals.ipFlood);
    const since = new Date(Date.now() - 86_400_000);
    if (
      (await this.receive.filedFromPhoneSince(body.phone, since)) >= c.REQUESTS_SUBMISSIONS_PER_PHONE_PER_DAY
    )
      throw tooMany('phone', IntakeRefusals.dailySubmissions(c.REQUESTS_SUBMISSIONS_PER_PHONE_PER_DAY));
    const phoneHash = this.phones.hash(body.phone);
    const stored = await this.codes.get(phoneHash);
    if (!stored) throw fieldError('code', IntakeRefusals.noCode);
    if (!sameHash(stored.hash, codeHash(c.REQUESTS_PHONE_HASH_KEY, phoneHash, body.code))) {
      if ((await this.codes.wrongTry(phoneHash, stored)) >= c.REQUESTS_SMS_CODE_MAX_TRIES) {
        await this.codes.spend(phoneHash);
        throw fieldError('code', IntakeRefusals.codeSpent);
      }
      throw fieldError('code', IntakeRefusals.wrongCode);
    }
    if (!(await this.codes.spend(phoneHash))) throw fieldError('code', IntakeRefusals.noCode);
    const { phone, code: _code, ...rest } = body;
    const r = await this.receive.execute({ ...rest, phone }, 'public_form', `群众自助提交（${r0(phone)}）`);
    return { id: r._id, number: r.number, category: r.category, dueAt: r.dueAt, status: r.status };
  }
}

/** The resident as the history names them: the masked phone. */
function r0(phone: string) {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
