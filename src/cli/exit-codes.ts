// The one map from outcome to process exit code (architecture.md convention 7).
// 0 ok, 1 findings of severity error, 2 bad usage or unreadable input, 3 a bug of ours,
// 4 a conflict: the case changed since it was read (version check) or the law forbids the step.
import type { DomainErrorCode } from '../domain/domain-error.ts';

export const EXIT_OK = 0;
export const EXIT_ERROR_FINDINGS = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;
/** Its own code so a script can tell "read the case again and retry" from "fix the input". */
export const EXIT_CONFLICT = 4;

export type ExitCode = typeof EXIT_OK | typeof EXIT_ERROR_FINDINGS | typeof EXIT_BAD_INPUT | typeof EXIT_INTERNAL | typeof EXIT_CONFLICT;

/** Every DomainError is about what the user gave us: exit code 2, except a conflict with stored data (4). */
export const EXIT_CODE_BY_ERROR_CODE: Readonly<Record<DomainErrorCode, ExitCode>> = {
  BAD_INPUT: EXIT_BAD_INPUT,
  UNREADABLE_FILE: EXIT_BAD_INPUT,
  TOO_LARGE: EXIT_BAD_INPUT,
  NOT_FOUND: EXIT_BAD_INPUT,
  CONFLICT: EXIT_CONFLICT,
  FORBIDDEN: EXIT_BAD_INPUT,
};

export function exitCodeForErrorCode(code: DomainErrorCode): ExitCode {
  return EXIT_CODE_BY_ERROR_CODE[code];
}

/** The worst of several outcomes: ok < findings < bad input < conflict < internal error. */
export function worstExitCode(codes: readonly ExitCode[]): ExitCode {
  const rank: Record<ExitCode, number> = { 0: 0, 1: 1, 2: 2, 4: 3, 3: 4 };
  let worst: ExitCode = EXIT_OK;
  for (const code of codes) if (rank[code] > rank[worst]) worst = code;
  return worst;
}
