import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SubjectsModule } from '../subjects/subjects.module';
import { ThresholdsModule } from '../thresholds/thresholds.module';
import { RuleVersionDoc, RuleVersionDocSchema, RuleVersionsRepository } from './rule-versions.repository';
import { RulesController } from './rules.controller';

/** The rule book: versions of each rule, their API, and the dry run over the subjects. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: RuleVersionDoc.name, schema: RuleVersionDocSchema }]),
    SubjectsModule,
    ThresholdsModule,
  ],
  controllers: [RulesController],
  providers: [RuleVersionsRepository],
  exports: [RuleVersionsRepository],
})
export class RuleBookModule {}
