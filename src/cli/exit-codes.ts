// The one map from outcome to process exit code (architecture.md convention 7).
// 0 ok, 1 findings of severity error, 2 bad usage or unreadable input, 3 a bug of ours.
import type { DomainErrorCode } from '../domain/domain-error.ts';

export const EXIT_OK = 0;
export const EXIT_ERROR_FINDINGS = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;

export type ExitCode = typeof EXIT_OK | typeof EXIT_ERROR_FINDINGS | typeof EXIT_BAD_INPUT | typeof EXIT_INTERNAL;

/** Every DomainError is about what the user gave us, so each one is exit code 2. */
export const EXIT_CODE_BY_ERROR_CODE: Readonly<Record<DomainErrorCode, ExitCode>> = {
  BAD_INPUT: EXIT_BAD_INPUT,
  UNREADABLE_FILE: EXIT_BAD_INPUT,
  TOO_LARGE: EXIT_BAD_INPUT,
  NOT_FOUND: EXIT_BAD_INPUT,
  CONFLICT: EXIT_BAD_INPUT,
  FORBIDDEN: EXIT_BAD_INPUT,
};

export function exitCodeForErrorCode(code: DomainErrorCode): ExitCode {
  return EXIT_CODE_BY_ERROR_CODE[code];
}

/** The worst of several outcomes: bad input outranks findings, findings outrank ok. */
export function worstExitCode(codes: readonly ExitCode[]): ExitCode {
  const rank: Record<ExitCode, number> = { 0: 0, 1: 1, 2: 2, 3: 3 };
  let worst: ExitCode = EXIT_OK;
  for (const code of codes) if (rank[code] > rank[worst]) worst = code;
  return worst;
}
