import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelConfigsModule } from '../channel-configs/channel-configs.module';
import { ContactsModule } from '../contacts/contacts.module';
import { PairingsModule } from '../pairings/pairings.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesStore } from './deliveries.store';
import { DeliveryQueue } from '../queues/delivery-queue';
import { Delivery, DeliverySchema } from './deliveries.schema';
import { DeliveryWorker } from './delivery.worker';
import { PlanDeliveries } from './use-cases/plan-deliveries.usecase';
import { StrandedDeliverySweep } from './stranded-sweep';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: Delivery.name, schema: DeliverySchema }]),
    ChannelConfigsModule,
    ContactsModule,
    PairingsModule,
  ],
  controllers: [DeliveriesController],
  providers: [DeliveriesStore, DeliveryQueue, DeliveryWorker, PlanDeliveries, StrandedDeliverySweep],
  exports: [PlanDeliveries],
})
export class DeliveriesModule {}
