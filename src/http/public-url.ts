import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

/**
 * The one rule for links printed on paper (QR codes) and sent by SMS: PUBLIC_URL when set, otherwise
 * the origin the request came in on, so that a link works from wherever the staff member opened the
 * app. Production refuses to start without PUBLIC_URL (config.ts): there, a link never depends on
 * a Host header.
 */
export function publicOrigin(request: FastifyRequest, config: Pick<Config, 'publicUrl'>): string {
  return config.publicUrl ?? `${request.protocol}://${request.host}`;
}

/** For work with no request (jobs): PUBLIC_URL, or this machine's own address while trying the demo. */
export function jobPublicUrl(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

/**
 * One value per origin made once and reused: a request's links change only with its origin, and the
 * hot paths keep their one shared object. Bounded, as the Host header is the caller's to choose.
 */
export function perOrigin<T>(make: (publicUrl: string) => T, limit = 32): (request: FastifyRequest, config: Pick<Config, 'publicUrl'>) => T {
  const made = new Map<string, T>();
  return (request, config) => {
    const origin = publicOrigin(request, config);
    let value = made.get(origin);
    if (value === undefined) {
      value = make(origin);
      if (made.size < limit) made.set(origin, value);
    }
    return value;
  };
}
