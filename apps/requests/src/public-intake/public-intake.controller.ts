import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { PublicRequestBody, PublicSmsCodeBody } from '@lib/contracts';
import { PublicIntegration, ZodValidationPipe } from '@lib/service-kit';
import { PublicIntake } from './public-intake.usecases';

/**
 * 群众自助提交: the short public form, no account. The resident's phone is its credential (an SMS
 * code); the gateway lets these through without a token, rate-limited and audited by address, and
 * this app limits per phone and per address again.
 */
@Controller('api/v1/public/resident-requests')
@PublicIntegration('resident-public-form')
export class PublicIntakeController {
  constructor(private readonly intake: PublicIntake) {}

  @Post('sms-codes')
  @HttpCode(202)
  sendCode(@Ip() ip: string, @Body(new ZodValidationPipe(PublicSmsCodeBody)) body: PublicSmsCodeBody) {
    return this.intake.sendCode(body.phone, ip);
  }

  @Post()
  @HttpCode(201)
  submit(@Ip() ip: string, @Body(new ZodValidationPipe(PublicRequestBody)) body: PublicRequestBody) {
    return this.intake.submit(body, ip);
  }
}
