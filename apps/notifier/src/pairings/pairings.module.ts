import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PairingsModule as PairingRecordModule } from '@lib/persistence';
import { ContactsModule } from '../contacts/contacts.module';
import { PairingsPointers } from '../replay/pairings-pointer';
import { PairingsConsumer } from './pairings.consumer';
import { PairingsController } from './pairings.controller';
import { PairedCadreName, PairedCadreNameSchema } from './pairings.schema';
import { PairingsStore } from './pairings.store';
import { FindPairedCadres } from './use-cases/find-paired-cadres.usecase';
import { RecordPairing } from './use-cases/record-pairing.usecase';

/**
 * 帮扶责任人 per household, fed by household.pairing-changed.v1: which cadres a household has is the shared
 * pairing record (libs/persistence, as in the other apps); their names are the notifier's own (pairings.store).
 * Exports `FindPairedCadres` (the deliveries planner's question).
 */
@Module({
  imports: [
    PairingRecordModule,
    MongooseModule.forFeature([{ name: PairedCadreName.name, schema: PairedCadreNameSchema }]),
    ContactsModule,
  ],
  controllers: [PairingsConsumer, PairingsController],
  providers: [PairingsStore, RecordPairing, FindPairedCadres, ...PairingsPointers],
  exports: [FindPairedCadres],
})
export class PairingsModule {}
