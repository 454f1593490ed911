// One error vocabulary for the whole program. Each code maps to one HTTP status
// (server/http-errors.ts) and one CLI exit code (cli/exit-codes.ts).
export type DomainErrorCode =
  | 'BAD_INPUT' // the caller sent something we cannot accept (validation)
  | 'UNREADABLE_FILE' // a file that is not what it claims, or has nothing we can read
  | 'TOO_LARGE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Plain Chinese, safe to show to users. `message` stays precise English for logs. */
  readonly userMessage: string;
  readonly details: Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, userMessage: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.userMessage = userMessage;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
