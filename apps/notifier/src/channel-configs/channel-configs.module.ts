import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NotifierConfig } from '../config';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { ChannelConfig, ChannelConfigSchema } from './channel-configs.schema';
import { ChannelConfigsController } from './channel-configs.controller';
import { ChannelConfigsStore } from './channel-configs.store';
import { ChannelDirectory } from './channel-directory';
import { SecretBox } from './domain/secret-box';
import { SaveChannel } from './use-cases/save-channel.usecase';
import { TestChannel } from './use-cases/test-channel.usecase';

@Module({
  imports: [MongooseModule.forFeature([{ name: ChannelConfig.name, schema: ChannelConfigSchema }])],
  controllers: [ChannelConfigsController],
  providers: [
    ChannelConfigsStore,
    ChannelDirectory,
    SaveChannel,
    TestChannel,
    {
      provide: SecretBox,
      inject: [NOTIFIER_CONFIG],
      useFactory: (c: NotifierConfig) => new SecretBox(c.CHANNEL_SECRET_KEY),
    },
  ],
  exports: [ChannelDirectory, SecretBox],
})
export class ChannelConfigsModule {}
