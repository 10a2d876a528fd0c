import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC exception handling turns every handler error into "Internal server error".
 * The batch runner needs the real error (its type decides retry, dead letter or wait), so event
 * handlers' errors pass through unchanged; HTTP errors get Nest's usual treatment.
 */
@Catch()
export class RethrowEventHandlerErrors extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(exception, host);
  }
}
