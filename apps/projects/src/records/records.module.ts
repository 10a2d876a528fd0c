import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ProjectsModule } from '../projects/projects.module';
import { RecordsController } from './records.controller';
import { Output, OutputSchema, Sale, SaleSchema } from './records.schema';
import { OutputsStore, SalesStore } from './records.store';
import { FindLastSale } from './use-cases/find-last-sale.usecase';
import { ListRecords } from './use-cases/list-records.usecase';
import { RecordOutput } from './use-cases/record-output.usecase';
import { RecordSale } from './use-cases/record-sale.usecase';

/** 产出与销售: a project's outputs and sales. Exports a project's latest sale, read-only (FindLastSale). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Output.name, schema: OutputSchema },
      { name: Sale.name, schema: SaleSchema },
    ]),
    ProjectsModule,
  ],
  controllers: [RecordsController],
  providers: [OutputsStore, SalesStore, RecordOutput, RecordSale, ListRecords, FindLastSale],
  exports: [FindLastSale],
})
export class RecordsModule {}
