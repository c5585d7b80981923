import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '@invoice/contracts';

/**
 * Refuses any body that is not JSON with 415. On the login route this closes login CSRF: a cross-site
 * form can post urlencoded or multipart bodies without a preflight, but not application/json.
 */
@Injectable()
export class JsonOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.is('application/json')) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (Content-Type: application/json)');
    }
    return true;
  }
}
