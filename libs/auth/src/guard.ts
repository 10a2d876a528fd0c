import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  Optional,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { CryptoKey } from 'jose';
import { Principal, Role } from './roles';
import { RevocationList } from './revocations';
import { covers, PAIRED_HOUSEHOLDS, PairedHouseholds, Scope, scopeOf } from './scope';
import { bearerOf, InvalidToken, verifyAccessToken } from './tokens';

export const VERIFICATION_KEY = Symbol('VERIFICATION_KEY');
const PUBLIC = 'auth:public';
const ROLES = 'auth:roles';

/** No token needed (health, login). */
export const Public = () => SetMetadata(PUBLIC, true);
/** The roles that may call this handler; the caller's scope is the units where they hold one of them. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The roles a handler requires, its own @Roles or its controller's (for API documentation). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function requiredRolesOf(handler: Function, controller: Function): Role[] | undefined {
  return (Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, controller)) as
    Role[] | undefined;
}

/** Whether a handler or its controller is @Public (for API documentation). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function isPublicHandler(handler: Function, controller: Function): boolean {
  return Reflect.getMetadata(PUBLIC, handler) === true || Reflect.getMetadata(PUBLIC, controller) === true;
}

export interface AuthedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
  scope?: Scope;
}

export const unauthorized = () =>
  new UnauthorizedException({
    statusCode: 401,
    error: 'Unauthorized',
    message: '未登录或凭证无效 (missing, expired or invalid credentials)',
  });
export const forbidden = () =>
  new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: '无权访问 (forbidden)' });

/**
 * The global guard of every app: an HTTP handler needs a valid access token and one of its
 * @Roles (a handler without @Roles or @Public is refused: closed by default); a token revoked at
 * sign-out is refused too. Event handlers run as
 * the service identity and are not guarded here.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(VERIFICATION_KEY) private readonly key: CryptoKey,
    @Optional() private readonly revoked?: RevocationList,
    @Optional() @Inject(PAIRED_HOUSEHOLDS) private readonly pairings?: PairedHouseholds,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const token = bearerOf(req.headers.authorization);
    if (!token) throw unauthorized();
    try {
      req.principal = await verifyAccessToken(this.key, token);
    } catch (e) {
      if (e instanceof InvalidToken) throw unauthorized();
      throw e;
    }
    // signed out at the gateway (session.revoked.v1): refused here too, until it expires
    if (this.revoked?.behind) await this.revoked.behind; // (app start: recent sign-outs not read yet)
    if (this.revoked?.refuses(req.principal)) throw unauthorized();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    const scope = scopeOf(req.principal, roles);
    if (!scope) throw forbidden();
    // a 帮扶责任人: the households paired with them now (the app's read model of pairings)
    if (!scope.all && scope.pairedOnly && this.pairings)
      scope.pairedOnly.households = await this.pairings.householdsPairedWith(
        scope.pairedOnly.cadre,
        scope.pairedOnly.units,
      );
    req.scope = scope;
    return true;
  }
}

/** The caller's scope for this handler (set by AuthGuard from @Roles). */
export const CallerScope = createParamDecorator((_: unknown, ctx: ExecutionContext): Scope => {
  const scope = ctx.switchToHttp().getRequest<AuthedRequest>().scope;
  if (!scope) throw forbidden();
  return scope;
});

export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const p = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!p) throw unauthorized();
  return p;
});

/** Writing into an org unit outside the caller's scope: 403 (the caller named the unit, so it is no secret). */
export function assertCovers(scope: Scope, unit: string): void {
  if (!covers(scope, unit))
    throw new ForbiddenException({
      statusCode: 403,
      error: 'Forbidden',
      message: `无权在该单位操作 (org unit ${unit} is outside your scope)`,
    });
}

/** A record that does not exist or lies outside the scope: the same 404 either way. */
export function notFound(what: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: what });
}
