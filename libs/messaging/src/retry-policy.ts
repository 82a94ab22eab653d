import { InvalidMessageError } from '@hub/contracts';

/**
 * The one retry policy for consumed messages: an invalid message is dead-lettered at once; any other
 * failure is retried with exponential backoff, then dead-lettered after `maxAttempts`, so a poison
 * message never blocks its partition.
 */
export class RetryPolicy {
  constructor(
    readonly maxAttempts = 5,
    private readonly baseDelayMs = 200,
    private readonly maxDelayMs = 5000,
  ) {}

  /** Whether another attempt should follow the given failed attempt (1-based). */
  shouldRetry(error: unknown, attempt: number): boolean {
    return !(error instanceof InvalidMessageError) && attempt < this.maxAttempts;
  }

  delayMs(attempt: number): number {
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
  }
}
