import { afterFailure, retryAfterMs, type ThrottlePolicy, type ThrottleState } from '../../domain/login-throttle.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import type { AppContext } from '../../http/context.js';

const isNotFound = (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND';

/**
 * Wrong guesses at a public secret (a case number and phone, a booking code, a link's token), per
 * address. Kept in memory: the successful query is the hot path and must not write; a restart
 * forgets a burst, which only costs a guesser a moment.
 */
export class GuessThrottle {
  private readonly states = new Map<string, ThrottleState>();

  constructor(private readonly policy: ThrottlePolicy, private readonly maxEntries = 50_000) {}

  retryAfterMs(address: string, now: Date): number {
    return retryAfterMs(this.states.get(address), now);
  }

  fail(address: string, now: Date): void {
    if (this.states.size >= this.maxEntries) this.states.delete(this.states.keys().next().value!);
    this.states.set(address, afterFailure(this.states.get(address), now, this.policy));
  }

  /**
   * Runs a lookup by the secret for the client at `address`: refused with 429 and Retry-After
   * while the address is slowed, even with the right secret (else the wait would tell a guesser
   * nothing). Only a miss (`isMiss`, by default NOT_FOUND) counts: a right secret never slows anyone.
   */
  async guard<T>(address: string, now: Date, reply: { header(name: string, value: string): unknown }, run: () => Promise<T>,
    isMiss: (err: unknown) => boolean = isNotFound): Promise<T> {
    const wait = this.retryAfterMs(address, now);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      reply.header('retry-after', String(seconds));
      throw new AppError('THROTTLED', '尝试过于频繁，请稍后再试 / Too many wrong guesses; try again later', undefined, { retryAfter: seconds });
    }
    try {
      return await run();
    } catch (err) {
      if (isMiss(err)) this.fail(address, now);
      throw err;
    }
  }
}

/** Ten wrong guesses free per quarter hour, then waits doubling from one second to five minutes. */
export const PROGRESS_POLICY: ThrottlePolicy = { windowMs: 15 * 60_000, freeFailures: 10, maxBlockMs: 5 * 60_000 };

/**
 * What a guesser may try to find. Routes that take the same secret share one throttle, however
 * they are registered, so that none of them grants its own free guesses: a case is looked up by
 * number and phone, and by its link's token to cancel or rate it; a ticket's token follows it and
 * prints its slip.
 */
export type Secret = 'case' | 'booking' | 'complaint' | 'ticket' | 'followup';

const throttles = new WeakMap<AppContext, Map<Secret, GuessThrottle>>();

/** The throttle of one kind of secret in this app. */
export function guessThrottle(app: AppContext, secret: Secret): GuessThrottle {
  let mine = throttles.get(app);
  if (!mine) throttles.set(app, mine = new Map());
  let throttle = mine.get(secret);
  if (!throttle) mine.set(secret, throttle = new GuessThrottle(PROGRESS_POLICY));
  return throttle;
}

/** Runs a lookup by a secret of this kind for the request's client, through the app's throttle of that secret. */
export function guessing<T>(ctx: AppContext, secret: Secret, request: FastifyRequest, reply: FastifyReply, run: () => Promise<T>,
  isMiss?: (err: unknown) => boolean): Promise<T> {
  return guessThrottle(ctx, secret).guard(request.ip, ctx.clock.now(), reply, run, isMiss);
}
