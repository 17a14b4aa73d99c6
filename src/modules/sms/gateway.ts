import type { SmsSettings } from '../../config.js';
import { AppError } from '../../domain/errors.js';

export interface SmsMessage {
  to: string;
  text: string;
  /** Sent along so the gateway can drop a repeat of a message whose first reply we never got. */
  dedupeKey: string;
}

export interface SmsGateway {
  name: string;
  /** Resolves when the gateway has taken the message; throws SmsSendError otherwise. */
  send(m: SmsMessage): Promise<void>;
}

export class SmsSendError extends Error {
  constructor(
    message: string,
    /** False when trying again cannot help (e.g. the gateway rejects the number): fail at once. */
    readonly retryable: boolean,
    /** The gateway's Retry-After, when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

/**
 * Sends nothing: the outbox row is the log, and administrators read it at GET /api/admin/sms.
 * The default, so a center without an SMS contract still sees every message it would have sent.
 */
export class LogGateway implements SmsGateway {
  readonly name = 'log';
  async send(): Promise<void> {}
}

export interface HttpGatewayOptions {
  url: string;
  timeoutMs: number;
}

/** Seconds or an HTTP date, as RFC 9110 allows. */
function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * POSTs `{to, text, dedupeKey}` as JSON with `Idempotency-Key: dedupeKey`. 2xx is sent; 429, 5xx,
 * a network error or a timeout may pass and is retried; any other answer will not change on a retry.
 */
export class HttpGateway implements SmsGateway {
  readonly name = 'http';
  constructor(private readonly opts: HttpGatewayOptions) {}

  async send(m: SmsMessage): Promise<void> {
    let res: Response;
    let body: string;
    try {
      res = await fetch(this.opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': m.dedupeKey },
        body: JSON.stringify({ to: m.to, text: m.text, dedupeKey: m.dedupeKey }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
        // A redirect would turn the POST into a GET and lose the message: report it as the misconfiguration it is.
        redirect: 'manual',
      });
      // Read the answer inside the same timeout: a gateway that sends headers and then stalls is as slow as one that says nothing.
      body = await res.text();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw new SmsSendError(`timeout after ${this.opts.timeoutMs} ms`, true);
      }
      const cause = e.cause?.code ?? e.cause?.message;
      throw new SmsSendError(`network error: ${e.message}${cause ? ` (${cause})` : ''}`, true);
    }
    if (res.ok) return;
    const detail = `HTTP ${res.status}${body ? `: ${body.slice(0, 200)}` : ''}`;
    if (res.status === 429) throw new SmsSendError(detail, true, parseRetryAfter(res.headers.get('retry-after')));
    throw new SmsSendError(detail, res.status >= 500);
  }
}

/** SMS_GATEWAY = log (default) | http; http needs SMS_HTTP_URL, and takes SMS_TIMEOUT_MS (default 5000). */
export function createGateway(sms: SmsSettings): SmsGateway {
  const kind = sms.gateway;
  if (kind === 'log') return new LogGateway();
  if (kind !== 'http') throw new AppError('CONFIG_INVALID', `SMS_GATEWAY must be "log" or "http", not "${kind}"`);
  const url = sms.httpUrl;
  if (!url || !/^https?:\/\//.test(url) || !URL.canParse(url)) {
    throw new AppError('CONFIG_INVALID', 'SMS_GATEWAY=http needs SMS_HTTP_URL, an http:// or https:// URL');
  }
  const timeoutMs = sms.timeoutMs ? Number(sms.timeoutMs) : 5000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new AppError('CONFIG_INVALID', `SMS_TIMEOUT_MS must be a positive whole number of milliseconds, not "${sms.timeoutMs}"`);
  }
  return new HttpGateway({ url, timeoutMs });
}
