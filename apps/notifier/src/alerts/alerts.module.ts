import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelConfigsModule } from '../channel-configs/channel-configs.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { AlertsConsumer } from './alerts.consumer';
import { AlertState, AlertStateSchema } from './alert-state.schema';
import { AlertStatesStore } from './alert-states.store';
import { EscalationQueue } from './escalation-queue';
import { EscalationWorker } from './escalation.worker';
import { PlanEscalation } from './plan-escalation';

/** The alert read model, the rules.alerts.v1 consumer and escalations (升级提醒). */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: AlertState.name, schema: AlertStateSchema }]),
    DeliveriesModule,
    ChannelConfigsModule,
  ],
  controllers: [AlertsConsumer],
  providers: [AlertStatesStore, EscalationQueue, EscalationWorker, PlanEscalation],
})
export class AlertsModule {}
