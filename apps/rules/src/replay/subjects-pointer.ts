import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { ReadModelFollower } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { HeldSubjects } from '../evaluation/held-subjects';
import { SubjectsStore } from '../subjects/subjects.store';

/** The subjects read model's pointer document. */
export const SUBJECTS_READ_MODEL = 'subjects';

/**
 * Follows the subjects read model's pointer (libs/persistence, ReadModelFollower): at start, the
 * collection to use; while a replay switches over, stops taking batches and acknowledges once none is
 * in flight; when the pointer names the rebuilt collection, reads and writes it, loads the held
 * subjects from it, and takes batches again. The API keeps answering throughout.
 */
@Injectable()
export class SubjectsPointer extends ReadModelFollower {
  constructor(
    @InjectConnection() connection: Connection,
    subjects: SubjectsStore,
    held: HeldSubjects,
    collections: CollectionsSetup,
  ) {
    const user = {
      get collectionName() {
        return subjects.collectionName;
      },
      async useCollection(name: string, switched: boolean) {
        subjects.useCollection(name);
        if (switched) await held.reload();
      },
    };
    super(connection, SUBJECTS_READ_MODEL, user, () => collections.ready());
  }
}
