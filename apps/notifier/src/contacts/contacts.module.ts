import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelConfigsModule } from '../channel-configs/channel-configs.module';
import { ContactDirectory } from './contact-directory';
import { Contact, ContactSchema } from './contacts.schema';
import { ContactsController } from './contacts.controller';
import { ContactsStore } from './contacts.store';
import { PutContact } from './use-cases/put-contact.usecase';

/** Person contacts (a cadre's mobile and email), sealed at rest, managed within scope. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Contact.name, schema: ContactSchema }]), ChannelConfigsModule],
  controllers: [ContactsController],
  providers: [ContactsStore, ContactDirectory, PutContact],
  exports: [ContactDirectory],
})
export class ContactsModule {}
