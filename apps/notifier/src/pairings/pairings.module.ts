import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ContactsModule } from '../contacts/contacts.module';
import { PairingsConsumer } from './pairings.consumer';
import { Pairing, PairingSchema } from './pairing.schema';
import { PairingsController } from './pairings.controller';
import { PairingsStore } from './pairings.store';

/** The pairing read model (帮扶责任人 per household), fed by household.pairing-changed.v1. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Pairing.name, schema: PairingSchema }]), ContactsModule],
  controllers: [PairingsConsumer, PairingsController],
  providers: [PairingsStore],
  exports: [PairingsStore],
})
export class PairingsModule {}
