import { IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { CommonConfig } from '@hub/config';

/** Configuration of the triage service. */
export class TriageConfig extends CommonConfig {
  /**
   * Below this classifier confidence a case goes to a street office (if one is named) or the
   * dispatcher. Confidences are calibrated (temperature-scaled): at 0.6 about 95% of messages are
   * routed automatically, junk such as 测试 or 你好 (≈0.3–0.47) stays with the dispatcher.
   */
  @IsNumber()
  @Min(0)
  @Max(1)
  TRIAGE_CONFIDENCE_THRESHOLD: number = 0.6;

  /**
   * How long the unit directory and the policy registry are cached (ms): a change made through the
   * admin API reaches routing, and the segmenter's user dictionary, within this time. Tests lower it.
   */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  TRIAGE_DIRECTORY_TTL_MS: number = 60_000;

  /** How often an instance looks for a queued classifier training job (ms). */
  @IsInt()
  @Min(100)
  @Max(600_000)
  TRIAGE_TRAINING_POLL_MS: number = 2_000;

  /** The shipped training corpus (JSONL {id, title?, content, label}); empty: libs/triage/data/corpus.jsonl. */
  @IsOptional()
  @IsString()
  TRIAGE_CORPUS_FILE: string = '';
}
