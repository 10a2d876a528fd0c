import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TeamsModule } from '../teams/teams.module';
import { Inspection, InspectionSchema } from './inspection.schema';
import { InspectionsController } from './inspections.controller';
import { InspectionsStore } from './inspections.store';

@Module({
  imports: [MongooseModule.forFeature([{ name: Inspection.name, schema: InspectionSchema }]), TeamsModule],
  controllers: [InspectionsController],
  providers: [InspectionsStore],
})
export class InspectionsModule {}
