import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { NewestLoad, Store } from '@lib/persistence';
import { DEFAULT_CATALOGUE } from '../engine/default-catalogue';
import { RuleBook, scopeKeyOf } from '../engine/rule-book';
import { RuleVersion } from '../engine/rule-language';

/**
 * Rule versions, insert-only: `_id` = `<ruleId>@<scope>#<version>` (scope: '*', a county or a town
 * code), so two writers of the same next version collide on the key and one is refused.
 */
@Schema({ collection: 'rule_versions', versionKey: false })
export class RuleVersionDoc {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) ruleId!: string;
  @Prop({ required: true }) version!: number;
  @Prop({ type: Object, required: true }) scope!: RuleVersion['scope'];
  /** scope.townCode ?? scope.countyCode, for scoped reads. */
  @Prop({ required: true }) scopeKey!: string;
  @Prop({ required: true }) enabled!: boolean;
  @Prop({ required: true }) effectiveFrom!: string;
  @Prop({ type: Object, required: true }) rule!: RuleVersion['rule'];
  @Prop({ required: true }) createdBy!: string;
  @Prop({ required: true }) createdAt!: Date;
}
export const RuleVersionDocSchema = SchemaFactory.createForClass(RuleVersionDoc);

export const versionIdOf = (ruleId: string, scopeKey: string, version: number) =>
  `${ruleId}@${scopeKey}#${version}`;

const REFRESH_MS = 5_000;

/** The stored versions and the compiled rule book (rebuilt on write, and every 5 s for other instances' writes). */
@Injectable()
export class RuleVersionsRepository implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RuleVersionsRepository.name);
  private book: RuleBook = new RuleBook([]);
  private loadedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  /** The periodic reload and the one after a write or the seed may finish out of order: the newest wins. */
  private readonly loads = new NewestLoad<RuleBook>((book) => {
    this.book = book;
    this.loadedAt = Date.now();
  });

  private readonly store: Store<RuleVersionDoc>;

  constructor(@InjectModel(RuleVersionDoc.name) private readonly model: Model<RuleVersionDoc>) {
    this.store = Store.of(model);
  }

  async onModuleInit() {
    this.timer = setInterval(() => void this.reload().catch(() => undefined), REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy() {
    if (this.timer) clearInterval(this.timer);
  }

  /** Seeds the default catalogue and loads the book (called once at start by StorageInit). */
  async seed() {
    await this.seedDefaults();
    await this.reload();
  }

  /** The default catalogue as version 1 of the platform scope; a version there already is kept. */
  private async seedDefaults() {
    const now = new Date();
    await this.store.insertManyNew(
      Object.entries(DEFAULT_CATALOGUE).map(([ruleId, rule]) => ({
        _id: versionIdOf(ruleId, '*', 1),
        ruleId,
        version: 1,
        scope: { countyCode: '*', townCode: null },
        scopeKey: '*',
        enabled: true,
        effectiveFrom: '2021-01-01',
        rule,
        createdBy: 'system:default-catalogue',
        createdAt: now,
      })),
    );
  }

  async reload(): Promise<RuleBook> {
    return this.loads.run(async () => {
      const docs = await this.model.find({}, { _id: 0 }).lean<RuleVersion[]>().exec();
      const book = new RuleBook(docs);
      for (const b of book.broken)
        this.logger.error(`规则无法编译 (rule does not compile) ${b.ruleId} v${b.version}: ${b.reason}`);
      return book;
    });
  }

  async current(): Promise<RuleBook> {
    if (Date.now() - this.loadedAt > REFRESH_MS * 2) await this.reload();
    return this.book;
  }

  versionsOf(ruleId: string): Promise<RuleVersion[]> {
    return this.model
      .find({ ruleId }, { _id: 0 })
      .sort({ scopeKey: 1, version: -1 })
      .lean<RuleVersion[]>()
      .exec();
  }

  all(): Promise<RuleVersion[]> {
    return this.model
      .find({}, { _id: 0 })
      .sort({ ruleId: 1, scopeKey: 1, version: -1 })
      .lean<RuleVersion[]>()
      .exec();
  }

  /** Inserts a version; false when that version of the rule and scope exists already. */
  async insert(v: RuleVersion): Promise<boolean> {
    const scopeKey = scopeKeyOf(v.scope);
    const inserted = await this.store.insertNew({
      _id: versionIdOf(v.ruleId, scopeKey, v.version),
      ...v,
      scopeKey,
    });
    if (!inserted) return false;
    await this.reload();
    return true;
  }
}
