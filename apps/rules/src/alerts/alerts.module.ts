import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SubjectsModule } from '../subjects/subjects.module';
import { Alert, AlertSchema } from './alert.schema';
import { AlertResolution, AlertResolutionSchema } from './alert-resolution.schema';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AcknowledgeAlert } from './use-cases/acknowledge-alert.usecase';
import { ResolveAlert } from './use-cases/resolve-alert.usecase';

/** The alerts: stored with their events, listed, acknowledged and resolved by people. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Alert.name, schema: AlertSchema },
      { name: AlertResolution.name, schema: AlertResolutionSchema },
    ]),
    SubjectsModule,
  ],
  controllers: [AlertsController],
  providers: [AlertsRepository, AcknowledgeAlert, ResolveAlert],
  exports: [AlertsRepository],
})
export class AlertsModule {}
