import { IsNumber, Max, Min } from 'class-validator';
import { CommonConfig } from '@hub/config';

/** Configuration of the triage service. */
export class TriageConfig extends CommonConfig {
  /** Below this classifier confidence a case goes to a street office (if one is named) or the dispatcher. */
  @IsNumber()
  @Min(0)
  @Max(1)
  TRIAGE_CONFIDENCE_THRESHOLD: number = 0.5;
}
