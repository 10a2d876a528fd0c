import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ContactsModule } from '../contacts/contacts.module';
import { PairingHandlers } from './pairing-handlers';
import { Pairing, PairingSchema } from './pairing.schema';
import { PairingsController } from './pairings.controller';
import { PairingsRepository } from './pairings.repository';

/** The pairing read model (帮扶责任人 per household), fed by household.pairing-changed.v1. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Pairing.name, schema: PairingSchema }]), ContactsModule],
  controllers: [PairingHandlers, PairingsController],
  providers: [PairingsRepository],
  exports: [PairingsRepository],
})
export class PairingsModule {}
