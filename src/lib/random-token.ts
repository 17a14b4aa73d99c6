import { randomBytes } from 'node:crypto';

/**
 * URL-safe random tokens from a pool filled 4 KiB at a time. Each `randomBytes` call costs a trip
 * into OpenSSL (with a fork check) that, per intake, weighed more than the case's hash; the pool
 * hands out every byte once, so the tokens are exactly as unpredictable. (Node pools randomUUID
 * the same way.)
 */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

export function randomToken(bytes: number): string {
  if (bytes > POOL_SIZE) return randomBytes(bytes).toString('base64url');
  if (offset + bytes > pool.length) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const token = pool.toString('base64url', offset, offset + bytes);
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return token;
}
