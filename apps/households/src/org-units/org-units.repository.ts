import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Collection, Connection } from 'mongoose';
import { createEvent, OrgUnitRegisteredV1 } from '@lib/contracts';
import { OUTBOX, OUTBOX_PENDING, OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { levelOf, OrgLevel, parentOf } from './org-unit';
import { serially } from '../households/serially';

export interface OrgUnit {
  _id: string; // the code
  code: string;
  level: OrgLevel;
  name: string;
  parentCode: string | null;
  countyCode: string;
  townCode?: string;
  villageCode?: string;
  registeredAt: Date;
}

const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;

/** 组织机构: insert-only, _id = code; registering a code twice changes nothing and announces nothing. */
@Injectable()
export class OrgUnitsRepository implements OnModuleInit {
  private collection!: Collection<OrgUnit>;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit() {
    this.collection = this.connection.collection<OrgUnit>('org_units') as unknown as Collection<OrgUnit>;
    await serially(() => this.collection.createIndex({ [OUTBOX_PENDING]: 1 }));
    this.relay.register(this.collection as unknown as Parameters<OutboxRelay['register']>[0]);
  }

  /** true when new; false when the code was registered already. */
  async register(unit: { code: string; name: string }): Promise<boolean> {
    const level = levelOf(unit.code)!;
    const now = new Date();
    const doc: OrgUnit = {
      _id: unit.code,
      code: unit.code,
      level,
      name: unit.name,
      parentCode: parentOf(unit.code),
      countyCode: unit.code.slice(0, 6),
      ...(unit.code.length >= 9 ? { townCode: unit.code.slice(0, 9) } : {}),
      ...(unit.code.length >= 12 ? { villageCode: unit.code.slice(0, 12) } : {}),
      registeredAt: now,
    };
    const event = createEvent({
      type: OrgUnitRegisteredV1.type,
      source: 'households',
      subject: unit.code,
      ...(doc.townCode ? { townId: doc.townCode } : {}),
      ...(doc.villageCode ? { villageId: doc.villageCode } : {}),
      time: now,
      data: {
        code: doc.code,
        level,
        name: doc.name,
        parentCode: doc.parentCode,
        registeredAt: now.toISOString(),
      },
    });
    try {
      await this.collection.insertOne({ ...doc, ...outboxOnInsert([event]) } as OrgUnit);
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
    this.relay.kick();
    return true;
  }

  async exists(code: string): Promise<boolean> {
    return (await this.collection.countDocuments({ _id: code } as never, { limit: 1 })) > 0;
  }

  all(): Promise<OrgUnit[]> {
    return this.collection
      .find({}, { projection: { [OUTBOX]: 0, [OUTBOX_PENDING]: 0 } })
      .sort({ _id: 1 })
      .toArray() as Promise<OrgUnit[]>;
  }
}
