import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TeamsModule } from '../teams/teams.module';
import { FundEntry, FundEntrySchema } from './fund-entry.schema';
import { FundsController } from './funds.controller';
import { FundsStore } from './funds.store';
import { RecordFundEntry } from './use-cases/record-fund-entry.usecase';
import { DecideFundEntry } from './use-cases/decide-fund-entry.usecase';

/** 经费台账: a team's spendings, approved by the town before they count (fund-entry.approved.v1). */
@Module({
  imports: [MongooseModule.forFeature([{ name: FundEntry.name, schema: FundEntrySchema }]), TeamsModule],
  controllers: [FundsController],
  providers: [FundsStore, RecordFundEntry, DecideFundEntry],
})
export class FundsModule {}
