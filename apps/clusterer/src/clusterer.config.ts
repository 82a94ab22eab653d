import { IsIn, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { CommonConfig } from '@hub/config';

/** Configuration of the clusterer. */
export class ClustererConfig extends CommonConfig {
  /** Similarity a new message needs to join a cluster; empty = the library's measured default. */
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  CLUSTER_THRESHOLD?: number;

  /**
   * `on` (default): messages are compared by sentence vectors and words, and the model must be
   * there (`bash deploy/local/model.sh fetch`), or the clusterer does not start; `off`: words only.
   */
  @IsOptional()
  @IsIn(['on', 'off'])
  CLUSTER_EMBEDDINGS: 'on' | 'off' = 'on';

  /** Folder with the sentence encoder's model.onnx and tokenizer.json (default: the repository's .cache/models). */
  @IsOptional()
  @IsString()
  HUB_EMBEDDING_MODEL_DIR?: string;
}
