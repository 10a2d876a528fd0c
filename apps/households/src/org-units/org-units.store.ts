import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { createEvent, GeoBoundary, GeoCentre, OrgUnitRegisteredV1 } from '@lib/contracts';
import { OUTBOX_PENDING, OutboxRelay } from '@lib/messaging';
import { Store, WITHOUT_OUTBOX } from '@lib/persistence';
import { levelOf, OrgLevel, parentOf } from './domain/org-unit';
import { serially } from '../serially';

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
  /**
   * 一张图: the unit's outline (GeoJSON, kept as its JSON text: the document store takes no arrays of
   * arrays) and centre, when the county has given them. Read with boundaryOf.
   */
  boundaryJson?: string | null;
  centre?: GeoCentre | null;
}

/** 组织机构: insert-only, _id = code; registering a code twice changes nothing and announces nothing. */
@Injectable()
export class OrgUnitsStore implements OnModuleInit {
  private store!: Store<OrgUnit>;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit() {
    const units = Store.named<OrgUnit>(this.connection, 'org_units');
    await serially(() => units.createIndex({ [OUTBOX_PENDING]: 1 }));
    this.store = Store.named<OrgUnit>(this.connection, 'org_units', { relay: this.relay });
  }

  /** true when new; false when the code was registered already. */
  async register(unit: {
    code: string;
    name: string;
    boundary?: GeoBoundary;
    centre?: GeoCentre;
  }): Promise<boolean> {
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
      ...(unit.boundary ? { boundaryJson: JSON.stringify(unit.boundary) } : {}),
      ...(unit.centre ? { centre: unit.centre } : {}),
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
    return this.store.insertNew(doc, [event]);
  }

  /** Sets (or, with null, clears) a unit's boundary and centre; a part not given is left as it is. */
  async setGeometry(
    code: string,
    g: { boundary?: GeoBoundary | null; centre?: GeoCentre | null },
  ): Promise<void> {
    const set: Record<string, unknown> = {};
    if (g.boundary !== undefined) set.boundaryJson = g.boundary ? JSON.stringify(g.boundary) : null;
    if (g.centre !== undefined) set.centre = g.centre;
    if (Object.keys(set).length) await this.store.updateOne({ _id: code }, { $set: set });
  }

  /** A unit's outline as GeoJSON (null when none was given). */
  static boundaryOf(u: Pick<OrgUnit, 'boundaryJson'>): GeoBoundary | null {
    return u.boundaryJson ? (JSON.parse(u.boundaryJson) as GeoBoundary) : null;
  }

  async exists(code: string): Promise<boolean> {
    return this.store.exists({ _id: code });
  }

  all(): Promise<OrgUnit[]> {
    return this.store.find({}, { projection: WITHOUT_OUTBOX }).sort({ _id: 1 }).toArray() as Promise<
      OrgUnit[]
    >;
  }
}
