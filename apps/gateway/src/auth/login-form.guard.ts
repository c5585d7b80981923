import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '@invoice/contracts';
import { isSameOriginPost } from './login-form.js';

/**
 * The login form's post: urlencoded (415 otherwise) and from a page of this origin (403 otherwise). The
 * JSON-only login routes close login CSRF by their content type; this route, which takes the body a
 * plain HTML form sends, closes it by the browser's fetch metadata.
 */
@Injectable()
export class LoginFormGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.is('application/x-www-form-urlencoded')) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the login form urlencoded (Content-Type: application/x-www-form-urlencoded)');
    }
    if (!isSameOriginPost(request.headers, `${request.protocol}://${request.get('host') ?? ''}`)) {
      throw new DomainError('FORBIDDEN', "The login form is accepted from this site's own pages only");
    }
    return true;
  }
}
