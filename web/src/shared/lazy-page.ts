import { lazy, type ComponentType } from 'react';

/**
 * A page component loaded when it is first shown, from a module that exports it by name: the UI's
 * first load carries only what its first screen needs.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  // lazy() wants ComponentType<any>: ComponentType<never> is not assignable to it under strict checks.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return lazy(async () => ({ default: (await load())[name] as ComponentType<any> })) as unknown as M[K];
}
