/**
 * An error the user caused (wrong passphrase, malformed input, missing permission).
 * Its message is meant for that user, in one line; callers show it without a stack trace.
 * Anything else thrown is a bug.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    /** Stable machine-readable code, e.g. "wrong-passphrase". */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
