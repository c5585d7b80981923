import { openAsBlob } from 'node:fs';
import pRetry, { AbortError } from 'p-retry';
import type { BatchResponse, ErrorResponse, InvoiceResponse, JobStatusResponse, TokenResponse, UploadResponse } from '@invoice/contracts';

/** The upload answer; `batchId` comes with the batch work on the gateway and is optional until then. */
export type UploadAnswer = UploadResponse & { batchId?: string };

export type Credentials = { token: string } | { username: string; password: string };

/** An HTTP answer that is not the expected one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: ErrorResponse,
  ) {
    super(message);
  }
}

/** 401/403: no point going on with any other request. */
export class AuthError extends ApiError {}

/**
 * Network errors, timeouts, 5xx and 429 are worth another try; so is a 409 `IDEMPOTENCY_KEY_IN_USE`
 * (the gateway is still storing an earlier attempt of the same request, e.g. one sent before the
 * connection dropped or the uploader was killed: the retry gets its answer). Other 4xx are not.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError)
    return error.status >= 500 || error.status === 429 || (error.status === 409 && error.body?.code === 'IDEMPOTENCY_KEY_IN_USE');
  if (error instanceof Error) return error.name === 'TypeError' || error.name === 'TimeoutError';
  return false;
}

export function authMessage(status: number, url: string, detail?: string): string {
  if (status === 401) {
    return `${url} answered 401 Unauthorized${detail ? ` (${detail})` : ''}: the token is missing, invalid or expired, or the user name or password is wrong. Set INVOICE_OCR_TOKEN, or pass --username and set INVOICE_OCR_PASSWORD.`;
  }
  return `${url} answered 403 Forbidden${detail ? ` (${detail})` : ''}: this user's role may not do that (uploads need the admin or uploader role).`;
}

export interface LocalUpload {
  absolutePath: string;
  /** The name the gateway keeps for display. */
  name: string;
  mimeType: string;
}

export interface ClientOptions {
  retries: number;
  /** Per attempt. */
  timeoutMs?: number;
  /** Base of the exponential backoff (ms). */
  minBackoffMs?: number;
  onRetry?: (error: Error, attempt: number, retriesLeft: number) => void;
}

/** A small client of the gateway's HTTP API with bearer auth, retries with backoff and timeouts. */
export class GatewayClient {
  private token: string | undefined;
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly credentials: Credentials,
    private readonly options: ClientOptions,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    if ('token' in credentials) this.token = credentials.token;
  }

  async login(): Promise<TokenResponse> {
    if (!('username' in this.credentials)) throw new Error('login needs a user name and a password');
    const { username, password } = this.credentials;
    const answer = await this.send<TokenResponse>(
      '/api/auth/token',
      () => ({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      }),
      { auth: false },
    );
    this.token = answer.access_token;
    return answer;
  }

  /** One multipart request; the files are streamed from disk (a fresh body for every attempt). */
  upload(files: LocalUpload[], idempotencyKey: string): Promise<UploadAnswer> {
    return this.send<UploadAnswer>('/api/invoices', async () => {
      const form = new FormData();
      for (const file of files) form.append('files', await openAsBlob(file.absolutePath, { type: file.mimeType }), file.name);
      return { method: 'POST', body: form, headers: { 'idempotency-key': idempotencyKey } };
    });
  }

  job(jobId: string): Promise<JobStatusResponse> {
    return this.send(`/api/jobs/${encodeURIComponent(jobId)}`, () => ({ method: 'GET' }));
  }

  invoice(documentId: string): Promise<InvoiceResponse> {
    return this.send(`/api/invoices/${encodeURIComponent(documentId)}`, () => ({ method: 'GET' }));
  }

  batch(batchId: string): Promise<BatchResponse> {
    return this.send(`/api/batches/${encodeURIComponent(batchId)}`, () => ({ method: 'GET' }));
  }

  private async send<T>(path: string, init: () => RequestInit | Promise<RequestInit>, { auth = true } = {}): Promise<T> {
    let reloggedIn = false;
    const attempt = async (): Promise<T> => {
      if (auth && !this.token) await this.login();
      const request = await init();
      const headers = new Headers(request.headers);
      if (auth) headers.set('authorization', `Bearer ${this.token}`);
      const res = await fetch(`${this.baseUrl}${path}`, {
        ...request,
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000),
      });
      if (res.ok) return (await res.json()) as T;
      const text = await res.text();
      let body: ErrorResponse | undefined;
      try {
        body = JSON.parse(text) as ErrorResponse;
      } catch {
        body = undefined;
      }
      const detail = body?.message ?? text.slice(0, 200);
      if (res.status === 401 && auth && 'username' in this.credentials && !reloggedIn) {
        // The token expired during a long run: log in again, once.
        reloggedIn = true;
        this.token = undefined;
        return attempt();
      }
      if (res.status === 401 || res.status === 403)
        throw new AbortError(new AuthError(res.status, authMessage(res.status, this.baseUrl, detail), body));
      const error = new ApiError(res.status, `${request.method ?? 'GET'} ${path} answered ${res.status}: ${detail}`, body);
      if (!isRetryable(error)) throw new AbortError(error);
      throw error;
    };
    return pRetry(attempt, {
      retries: this.options.retries,
      minTimeout: this.options.minBackoffMs ?? 500,
      maxTimeout: 30_000,
      factor: 2,
      randomize: true,
      shouldRetry: ({ error }) => isRetryable(error),
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft > 0 && isRetryable(error)) this.options.onRetry?.(error, attemptNumber, retriesLeft);
      },
    });
  }
}
