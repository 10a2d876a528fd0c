import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TeamsModule } from '../teams/teams.module';
import { Inspection, InspectionSchema } from './inspection.schema';
import { InspectionsController } from './inspections.controller';
import { InspectionsStore } from './inspections.store';
import { RecordInspection } from './use-cases/record-inspection.usecase';
import { FollowUpInspection } from './use-cases/follow-up-inspection.usecase';

/** 督查通报 and 整改跟踪: inspections of teams and their follow-ups, each announced with its write. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Inspection.name, schema: InspectionSchema }]), TeamsModule],
  controllers: [InspectionsController],
  providers: [InspectionsStore, RecordInspection, FollowUpInspection],
})
export class InspectionsModule {}
