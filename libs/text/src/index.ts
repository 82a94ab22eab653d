/**
 * @hub/text — pure text handling for citizen messages (市民诉求文本): normalisation, Chinese word
 * segmentation for the search index, personal-data detection and masking (个人信息脱敏), and
 * document-number (文号) extraction.
 */
export * from './normalize-text';
export * from './segmenter';
export * from './personal-data';
export * from './doc-number';
export * from './user-dictionary';
