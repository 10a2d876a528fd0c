import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TeamsModule } from '../teams/teams.module';
import { FundEntry, FundEntrySchema } from './fund-entry.schema';
import { FundsController } from './funds.controller';
import { FundsStore } from './funds.store';

@Module({
  imports: [MongooseModule.forFeature([{ name: FundEntry.name, schema: FundEntrySchema }]), TeamsModule],
  controllers: [FundsController],
  providers: [FundsStore],
})
export class FundsModule {}
