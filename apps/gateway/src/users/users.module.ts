import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BootstrapAdmin } from './bootstrap-admin';
import { UserAccessChanges } from './user-access-changes';
import { UsersController } from './users.controller';
import { User, UserSchema } from './users.schema';
import { UsersStore } from './users.store';
import { ChangeUser } from './use-cases/change-user.usecase';
import { CreateUser } from './use-cases/create-user.usecase';

/** 用户与角色: accounts, their role grants, and the first administrator. Imports no other feature. */
@Module({
  imports: [MongooseModule.forFeature([{ name: User.name, schema: UserSchema }])],
  controllers: [UsersController],
  providers: [UsersStore, UserAccessChanges, CreateUser, ChangeUser, BootstrapAdmin],
  exports: [UsersStore, UserAccessChanges],
})
export class UsersModule {}
