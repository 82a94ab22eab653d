/**
 * @hub/embedding — sentence vectors for "same question" detection: a BERT tokenizer read from the
 * model's tokenizer.json and an ONNX Runtime encoder (bge-small-zh-v1.5 by default, fetched from
 * Maven Central by `deploy/local/model.sh fetch`).
 */
export * from './bert-tokenizer';
export * from './sentence-encoder';
