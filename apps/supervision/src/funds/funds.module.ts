import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TeamsModule } from '../teams/teams.module';
import { FundEntry, FundEntrySchema } from './fund-entry.schema';
import { FundsController } from './funds.controller';
import { FundsRepository } from './funds.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: FundEntry.name, schema: FundEntrySchema }]), TeamsModule],
  controllers: [FundsController],
  providers: [FundsRepository],
})
export class FundsModule {}
