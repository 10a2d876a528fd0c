import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NotifierConfig } from '../config';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { ChannelConfig, ChannelConfigSchema } from './channel-config.schema';
import { ChannelConfigsController } from './channel-configs.controller';
import { ChannelConfigsRepository } from './channel-configs.repository';
import { ChannelDirectory } from './channel-directory';
import { SecretBox } from './secret-box';

@Module({
  imports: [MongooseModule.forFeature([{ name: ChannelConfig.name, schema: ChannelConfigSchema }])],
  controllers: [ChannelConfigsController],
  providers: [
    ChannelConfigsRepository,
    ChannelDirectory,
    {
      provide: SecretBox,
      inject: [NOTIFIER_CONFIG],
      useFactory: (c: NotifierConfig) => new SecretBox(c.CHANNEL_SECRET_KEY),
    },
  ],
  exports: [ChannelDirectory, SecretBox],
})
export class ChannelConfigsModule {}
