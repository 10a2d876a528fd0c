import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope, withinScope } from '@lib/auth';
import { findEach } from '@lib/service-kit';
import { SubjectState } from './domain/subject-state';

/** One document per subject (household or team member): see subject-state.ts. */
@Schema({ collection: 'subjects', versionKey: false, strict: false })
export class SubjectDoc {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, index: true }) subjectType!: string;
  @Prop({ type: String, required: true, index: true }) countyCode!: string;
  @Prop({ type: String, required: true }) townCode!: string;
  @Prop({ type: String, required: true }) villageCode!: string;
}
export const SubjectDocSchema = SchemaFactory.createForClass(SubjectDoc);

@Injectable()
export class SubjectsRepository {
  constructor(@InjectModel(SubjectDoc.name) private readonly model: Model<SubjectDoc>) {}

  async byIds(ids: string[]): Promise<Map<string, SubjectState>> {
    const docs = (await findEach(this.model, '_id', ids)) as unknown as SubjectState[];
    return new Map(docs.map((d) => [d._id, d]));
  }

  /**
   * Saves changed states in one bulk write, each guarded by the revision it was read at. Returns the
   * ids whose state another writer changed meanwhile (another topic's handler, another instance):
   * the caller re-reads and re-applies their events (applied ones are skipped by their ids).
   */
  async save(states: SubjectState[]): Promise<Set<string>> {
    const conflicts = new Set<string>();
    if (states.length === 0) return conflicts;
    await this.model.collection
      .bulkWrite(
        states.map((s) => ({
          replaceOne: {
            filter: { _id: s._id, rev: s.rev } as never,
            replacement: { ...s, rev: s.rev + 1 } as never,
            upsert: true,
          },
        })),
        { ordered: false },
      )
      .catch((e: { code?: number; writeErrors?: Array<{ code?: number; index: number }> }) => {
        const errors =
          e.writeErrors ?? (e.code === 11000 && states.length === 1 ? [{ code: 11000, index: 0 }] : null);
        if (!errors?.every((w) => w.code === 11000)) throw e;
        for (const w of errors) conflicts.add(states[w.index]._id);
      });
    return conflicts;
  }

  /** Every subject of a type within the scope, a page at a time (for dry runs). */
  async *scan(scope: Scope, subjectType: string, batch = 500): AsyncGenerator<SubjectState[]> {
    let after = '';
    for (;;) {
      const docs = (await this.model.collection
        .find(withinScope(scope, { subjectType, _id: { $gt: after } }) as never)
        .sort({ _id: 1 })
        .limit(batch)
        .toArray()) as unknown as SubjectState[];
      if (docs.length === 0) return;
      yield docs;
      after = docs[docs.length - 1]._id;
      if (docs.length < batch) return;
    }
  }
}
