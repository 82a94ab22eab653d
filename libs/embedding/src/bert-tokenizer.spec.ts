import { BertTokenizer } from './bert-tokenizer';

const vocab = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  '社',
  '保',
  '卡',
  '丢',
  '了',
  '，',
  '?',
  'app',
  '##le',
  'pie',
  '1',
  '##2',
];
const tokenizer = new BertTokenizer({
  normalizer: { type: 'BertNormalizer', lowercase: false, handle_chinese_chars: true },
  model: { type: 'WordPiece', vocab: Object.fromEntries(vocab.map((t, i) => [t, i])), unk_token: '[UNK]' },
});
const ids = (s: string) => tokenizer.encode(s).map((i) => vocab[i]);

describe('BertTokenizer', () => {
  it('splits Chinese text into characters and punctuation, inside [CLS] … [SEP]', () => {
    expect(ids('社保卡丢了，')).toEqual(['[CLS]', '社', '保', '卡', '丢', '了', '，', '[SEP]']);
  });

  it('spells other words with the longest WordPieces, ## for continuations, [UNK] for the unspellable', () => {
    expect(ids('apple pie 12?')).toEqual(['[CLS]', 'app', '##le', 'pie', '1', '##2', '?', '[SEP]']);
    expect(ids('pear')).toEqual(['[CLS]', '[UNK]', '[SEP]']);
  });

  it('drops control characters and treats any whitespace as a break', () => {
    expect(ids('社\u0000保\t卡\n')).toEqual(['[CLS]', '社', '保', '卡', '[SEP]']);
  });

  it('cuts long texts to maxTokens and keeps [SEP] last', () => {
    const cut = tokenizer.encode('社保卡丢了社保卡丢了', 5).map((i) => vocab[i]);
    expect(cut).toEqual(['[CLS]', '社', '保', '卡', '[SEP]']);
  });

  it('refuses a tokenizer that is not WordPiece', () => {
    expect(() => new BertTokenizer({ model: { type: 'BPE', vocab: {} } })).toThrow(/not WordPiece/);
  });
});
