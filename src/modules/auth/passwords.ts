import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id; the package's const enum cannot be imported under isolatedModules. */
const ARGON2ID = 2;

export const DEMO_PASSWORD = 'onewindow-demo';

// OWASP's argon2id baseline (19 MiB, 2 passes); cheap enough for a 2-core county server.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Verifies against a throwaway hash so an unknown user costs the same time as a wrong password. */
export async function burnVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword('no-such-user-' + Math.random());
  await verifyPassword(await dummyHash, password);
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'at least 10 characters';
  if (password === DEMO_PASSWORD) return 'the demo password cannot be used';
  return undefined;
}
