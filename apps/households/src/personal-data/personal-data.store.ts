import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Connection } from 'mongoose';
import { Store } from '@lib/persistence';

export interface PersonalDataRead {
  _id: string;
  actor: string;
  actorName: string;
  at: Date;
  householdId: string;
  memberId: string;
  fields: string[];
  /** 查看原因 the reader gave, when given */
  reason?: string;
}

/** Append-only audit of clear reads of personal data: this repository only inserts. */
@Injectable()
export class PersonalDataReadsStore implements OnModuleInit {
  private store!: Store<PersonalDataRead>;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  onModuleInit() {
    this.store = Store.named<PersonalDataRead>(this.connection, 'personal_data_reads');
  }

  async record(read: Omit<PersonalDataRead, '_id' | 'at'>): Promise<void> {
    await this.store.insert({ _id: randomUUID(), at: new Date(), ...read });
  }
}
