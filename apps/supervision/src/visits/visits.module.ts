import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TeamsModule } from '../teams/teams.module';
import { Visit, VisitSchema } from './visit.schema';
import { VisitsStore } from './visits.store';
import { VisitsConsumer } from './visits.consumer';
import { RecordVisits } from './use-cases/record-visits.usecase';
import { VisitsPointer } from '../replay/visits-pointer';

/**
 * 入户走访: monitoring's survey visits made by team members. Exports `VisitsStore` (read-only use: a
 * visit proves daytime presence to attendance); new visits re-judge their days through teams' port
 * `RejudgeMemberDays` (implemented by attendance).
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: Visit.name, schema: VisitSchema }]), TeamsModule],
  controllers: [VisitsConsumer],
  providers: [VisitsStore, VisitsPointer, RecordVisits],
  exports: [VisitsStore],
})
export class VisitsModule {}
