import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { UsersModule } from '../users/users.module';
import { AuditController } from './audit.controller';
import { AuditEntry, AuditEntrySchema } from './audit.schema';
import { AuditStore } from './audit.store';
import { OwnApiAuditMiddleware } from './own-api-audit.middleware';
import { ReadAudit } from './use-cases/read-audit.usecase';
import { RecordRequest } from './use-cases/record-request.usecase';

/** 审计日志: one entry per request (the proxy's and the gateway's own API), and its reading. */
@Module({
  imports: [UsersModule, MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }])],
  controllers: [AuditController],
  providers: [AuditStore, ReadAudit, RecordRequest, OwnApiAuditMiddleware],
  exports: [AuditStore, RecordRequest, OwnApiAuditMiddleware],
})
export class AuditModule {}
