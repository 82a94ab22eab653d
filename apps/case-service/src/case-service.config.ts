import { IsInt, Max, Min } from 'class-validator';
import { CommonConfig } from '@hub/config';

/** Configuration of the case service. */
export class CaseServiceConfig extends CommonConfig {
  /** How often the SLA monitor looks for due warnings and breaches (deadlines live in the database). */
  @IsInt()
  @Min(200)
  @Max(600_000)
  SLA_POLL_MS: number = 5000;
}
