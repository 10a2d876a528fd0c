import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Visit, VisitSchema } from './visit.schema';
import { VisitsRepository } from './visits.repository';

/** The visit store (attendance reads it); the consumer is VisitsHandlerModule. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Visit.name, schema: VisitSchema }])],
  providers: [VisitsRepository],
  exports: [VisitsRepository],
})
export class VisitsModule {}
