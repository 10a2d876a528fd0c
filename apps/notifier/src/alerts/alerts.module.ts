import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelConfigsModule } from '../channel-configs/channel-configs.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { AlertsPointer } from '../replay/alerts-pointer';
import { AlertsConsumer } from './alerts.consumer';
import { AlertState, AlertStateSchema } from './alerts.schema';
import { AlertStatesStore } from './alerts.store';
import { EscalationQueue } from './escalation-queue';
import { EscalationWorker } from './escalation.worker';
import { CloseAlert } from './use-cases/close-alert.usecase';
import { EscalateAlert } from './use-cases/escalate-alert.usecase';
import { PlanEscalation } from './use-cases/plan-escalation.usecase';
import { RecordRaisedAlerts } from './use-cases/record-raised-alerts.usecase';

/** The alert read model, the rules.alerts.v1 consumer and escalations (升级提醒). */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: AlertState.name, schema: AlertStateSchema }]),
    DeliveriesModule,
    ChannelConfigsModule,
  ],
  controllers: [AlertsConsumer],
  providers: [
    AlertStatesStore,
    AlertsPointer,
    EscalationQueue,
    EscalationWorker,
    PlanEscalation,
    RecordRaisedAlerts,
    CloseAlert,
    EscalateAlert,
  ],
})
export class AlertsModule {}
