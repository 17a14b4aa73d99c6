/** A field-level problem with the input, named by its path in the body (e.g. `materials.0.name`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Every error the application means to raise. The `code` is stable and is what clients match on;
 * the HTTP status comes from one table in the error handler.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const invalid = (message: string, details: FieldProblem[]) => new AppError('VALIDATION_FAILED', message, details);
