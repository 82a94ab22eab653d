/** One field-level problem with an incoming message or request. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * The message can never be processed as it is (not JSON, missing or wrong fields, oversized…).
 * It is not retried: the consumer sends it to the dead-letter topic at once, with these problems.
 */
export class InvalidMessageError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.problem}`).join('; '));
    this.name = 'InvalidMessageError';
  }
}
