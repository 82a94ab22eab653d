export type DeadlineErrorCode =
  'extension-over-cap' | 'invalid-extension' | 'invalid-input' | 'invalid-policy' | 'invalid-json';

/**
 * A deadline request the rules refuse: an extension (延期) beyond the cap, bad input, a bad policy or a
 * stored deadline that cannot be read. `details` carries what a caller shows or logs.
 */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';

  constructor(
    readonly code: DeadlineErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
