import { IsNumber, IsOptional, Max, Min } from 'class-validator';
import { CommonConfig } from '@hub/config';

/** Configuration of the clusterer. */
export class ClustererConfig extends CommonConfig {
  /** Similarity a new message needs to join a cluster; empty = the library's measured default. */
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  CLUSTER_THRESHOLD?: number;
}
