import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Leave, LeaveSchema } from './leave.schema';
import { LeavesRepository } from './leaves.repository';

/** The leave store (attendance reads it); the API is LeavesApiModule. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Leave.name, schema: LeaveSchema }])],
  providers: [LeavesRepository],
  exports: [LeavesRepository],
})
export class LeavesModule {}
