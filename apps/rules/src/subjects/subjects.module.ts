import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SubjectsStore, SubjectVersion, SubjectVersionSchema } from './subjects.store';

/** The subjects' facts as versions: the read model rules evaluates on. */
@Module({
  imports: [MongooseModule.forFeature([{ name: SubjectVersion.name, schema: SubjectVersionSchema }])],
  providers: [SubjectsStore],
  exports: [SubjectsStore],
})
export class SubjectsModule {}
