import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { Store } from '@lib/persistence';
import { PhoneCipher } from './phone-cipher';
import { ResidentRequest } from './resident-request.schema';

interface PhoneRead {
  requestId: string;
  villageCode: string;
  readBy: string;
  reason: string;
  at: Date;
}

/** Clear reads of a resident's phone, each recorded (who, why, when) before the number is given. */
@Injectable()
export class PhoneReads {
  private readonly reads: Store<PhoneRead>;

  constructor(
    @InjectConnection() connection: Connection,
    private readonly phones: PhoneCipher,
  ) {
    this.reads = Store.named<PhoneRead>(connection, 'phone_reads');
  }

  async read(r: ResidentRequest, by: string, reason: string): Promise<string> {
    await this.reads.insert({
      requestId: r._id,
      villageCode: r.villageCode,
      readBy: by,
      reason,
      at: new Date(),
    });
    return this.phones.open(r.phoneSealed);
  }
}
