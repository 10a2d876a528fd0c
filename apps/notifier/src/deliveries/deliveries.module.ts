import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelConfigsModule } from '../channel-configs/channel-configs.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryQueue } from './delivery-queue';
import { Delivery, DeliverySchema } from './delivery.schema';
import { DeliveryWorker } from './delivery.worker';
import { PlanDeliveries } from './plan-deliveries';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: Delivery.name, schema: DeliverySchema }]),
    ChannelConfigsModule,
  ],
  controllers: [DeliveriesController],
  providers: [DeliveriesRepository, DeliveryQueue, DeliveryWorker, PlanDeliveries],
  exports: [PlanDeliveries],
})
export class DeliveriesModule {}
