import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { pairingsFollowerProvider } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { AssistanceConsumer } from './assistance.consumer';
import { AssistanceController, HouseholdLedgersController } from './assistance.controller';
import { AssistanceRecord, AssistanceRecordSchema } from './assistance.schema';
import { AssistanceStore } from './assistance.store';
import { AddLedgerEntry } from './use-cases/add-ledger-entry.usecase';
import { CheckMicrocreditOverdue } from './use-cases/check-microcredit-overdue.usecase';
import { FollowPairing } from './use-cases/follow-pairing.usecase';
import { ListLedger } from './use-cases/list-ledger.usecase';
import { RecordLedgerEntry } from './use-cases/record-ledger-entry.usecase';
import { ShowHouseholdLedgers } from './use-cases/show-household-ledgers.usecase';

/**
 * 帮扶台账 (issue 19): 公益岗位, 小额信贷, 雨露计划, 易地搬迁后续扶持, 消费帮扶, 村集体经济 — one bounded
 * feature of projects (which already pays households and knows them). Exports the overdue check for
 * the periodic check (progress).
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: AssistanceRecord.name, schema: AssistanceRecordSchema }]),
    HouseholdDirectoryModule,
  ],
  controllers: [AssistanceController, HouseholdLedgersController, AssistanceConsumer],
  providers: [
    AssistanceStore,
    RecordLedgerEntry,
    AddLedgerEntry,
    CheckMicrocreditOverdue,
    ListLedger,
    ShowHouseholdLedgers,
    FollowPairing,
    // the pairings the guard reads (`npm run replay -- projects pairings` switches them over)
    pairingsFollowerProvider(CollectionsSetup),
  ],
  exports: [CheckMicrocreditOverdue],
})
export class AssistanceModule {}
