import { Body, Controller, Get, Injectable, Module, Param, Put } from '@nestjs/common';
import { InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { z } from 'zod';
import { assertCovers, Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { CountyCode, MonitoringPermissions } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';

/** How long a phone's offline copy (离线走访) may be used when the county sets nothing. */
export const DEFAULT_OFFLINE_COPY_DAYS = 7;

/** A county's settings of field work offline: how many days a downloaded copy may be used. */
@Schema({ collection: 'field_settings', versionKey: false })
export class FieldSettings {
  /** The county's code. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) offlineCopyDays!: number;
  @Prop({ required: true }) setBy!: string;
  @Prop({ required: true }) setAt!: Date;
}
const FieldSettingsSchema = SchemaFactory.createForClass(FieldSettings);

export const PutFieldSettingsBody = z
  .object({
    offlineCopyDays: z
      .number({ error: '须填天数' })
      .int('须为整数')
      .min(1, '至少 1 天')
      .max(30, '最多 30 天')
      .describe('days a downloaded offline copy may be used before the phone refuses and deletes it'),
  })
  .strict();
type PutFieldSettingsBody = z.infer<typeof PutFieldSettingsBody>;

const County = new ZodValidationPipe(CountyCode);

@Injectable()
export class FieldSettingsService {
  constructor(@InjectModel(FieldSettings.name) private readonly model: Model<FieldSettings>) {}

  async of(countyCode: string) {
    const doc = await this.model.findById(countyCode).lean<FieldSettings>().exec();
    return {
      countyCode,
      offlineCopyDays: doc?.offlineCopyDays ?? DEFAULT_OFFLINE_COPY_DAYS,
      setBy: doc?.setBy ?? null,
      setAt: doc?.setAt ?? null,
    };
  }

  async set(countyCode: string, caller: Principal, body: PutFieldSettingsBody) {
    await this.model
      .updateOne(
        { _id: countyCode },
        {
          $set: {
            offlineCopyDays: body.offlineCopyDays,
            setBy: caller.name || caller.sub,
            setAt: new Date(),
          },
        },
        { upsert: true },
      )
      .exec();
    return this.of(countyCode);
  }
}

/**
 * 离线走访设置 of a county: the phone reads it when it downloads the month (the copy is refused and
 * deleted once the days have passed); the county's administrators change it.
 */
@Controller('api/v1/field-settings')
export class FieldSettingsController {
  constructor(private readonly settings: FieldSettingsService) {}

  @Get(':countyCode')
  @Roles(...MonitoringPermissions.readFieldSettings)
  get(@CallerScope() scope: Scope, @Param('countyCode', County) countyCode: string) {
    // anyone working in the county reads it (a village cadre's phone included)
    const within =
      scope.all ||
      [...scope.counties, ...scope.towns, ...scope.villages].some((u) => u.startsWith(countyCode));
    if (!within) assertCovers(scope, countyCode);
    return this.settings.of(countyCode);
  }

  @Put(':countyCode')
  @Roles(...MonitoringPermissions.writeFieldSettings)
  put(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('countyCode', County) countyCode: string,
    @Body(new ZodValidationPipe(PutFieldSettingsBody)) body: PutFieldSettingsBody,
  ) {
    assertCovers(scope, countyCode);
    return this.settings.set(countyCode, caller, body);
  }
}

@Module({
  imports: [MongooseModule.forFeature([{ name: FieldSettings.name, schema: FieldSettingsSchema }])],
  controllers: [FieldSettingsController],
  providers: [FieldSettingsService],
})
export class FieldSettingsModule {}
