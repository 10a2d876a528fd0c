import { Module } from '@nestjs/common';
import { ResidentRequestsModule } from '../resident-requests/resident-requests.module';
import { PublicIntakeController } from './public-intake.controller';
import { PublicIntake } from './public-intake.usecases';
import { SmsSender } from './sms-sender';
import { VerificationCodesStore } from './verification-codes.store';

@Module({
  imports: [ResidentRequestsModule],
  controllers: [PublicIntakeController],
  providers: [PublicIntake, SmsSender, VerificationCodesStore],
})
export class PublicIntakeModule {}
