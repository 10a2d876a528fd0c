import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SubjectsPointer } from '../replay/subjects-pointer';
import { SubjectsStore, SubjectVersion, SubjectVersionSchema } from './subjects.store';

/** The subjects' facts as versions (the read model rules evaluates on), and the pointer replay switches. */
@Module({
  imports: [MongooseModule.forFeature([{ name: SubjectVersion.name, schema: SubjectVersionSchema }])],
  providers: [SubjectsStore, SubjectsPointer],
  exports: [SubjectsStore, SubjectsPointer],
})
export class SubjectsModule {}
