import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { CareOverduePass } from './care-overdue.pass';
import { CareRosterStore } from './care-roster.store';
import { CareVisitsConsumer } from './care-visits.consumer';
import { CareRosterPointer } from '../replay/care-roster-pointer';

/** 关爱走访逾期: the care roster's read model and its daily overdue pass. */
@Module({
  imports: [AlertsModule],
  controllers: [CareVisitsConsumer],
  providers: [CareRosterStore, CareRosterPointer, CareOverduePass],
  exports: [CareOverduePass],
})
export class CareVisitsModule {}
