import { ArgumentsHost, Catch } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainErrorFilter } from '../common/domain-error.filter.js';
import { loginFormNotice, loginPageUrl } from './login-form.js';

/**
 * A login form refused for what the person typed (400, 401) or for trying too often (429) goes back to
 * the login page, which shows why (a person's browser, not a program, posted it). Anything else (a
 * cross-site post, the gateway failing) is answered as every other route answers it.
 */
@Catch()
export class LoginFormFilter extends DomainErrorFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const { statusCode, code } = this.toBody(exception, undefined);
    const notice = loginFormNotice(statusCode);
    if (!notice || response.headersSent) return super.catch(exception, host);
    this.metrics.errors.inc({ code, status_code: String(statusCode) });
    const from = (http.getRequest<Request>().body as { from?: unknown } | undefined)?.from;
    response.redirect(303, loginPageUrl(notice, typeof from === 'string' ? from : undefined));
  }
}
