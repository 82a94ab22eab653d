import { calibration, crossValidate, meanAndStd, score } from './evaluation';
import { extractFeatures } from './features';
import { type LabelledExample, TextClassifier } from './text-classifier';

const data: [string, string][] = [
  ['housing', '小区物业不作为，电梯坏了一个月没人修'],
  ['housing', '老旧小区加装电梯的补贴怎么申请'],
  ['housing', '楼上群租，物业不管，房东把房子隔成很多间'],
  ['housing', '维修资金怎么提取，屋顶漏水需要维修'],
  ['housing', '物业费涨价没有业主大会表决'],
  ['ecology', '楼下餐馆油烟太大，窗户都不能开'],
  ['ecology', '工地夜间施工噪声扰民，晚上十二点还在打桩'],
  ['ecology', '河道有异味，污水直接排放'],
  ['ecology', '附近工厂排放废气，气味刺鼻'],
  ['ecology', '酒吧音乐噪声太大影响休息'],
  ['education', '孩子明年上小学，入学需要什么材料'],
  ['education', '幼儿园报名时间和学区划分'],
  ['education', '校外培训机构退费难'],
  ['education', '转学手续怎么办理'],
  ['education', '初中招生政策咨询'],
];
const examples: LabelledExample[] = data.map(([label, content], i) => ({ id: `e${i}`, content, label }));

describe('TextClassifier', () => {
  const model = TextClassifier.train(examples);

  it('predicts the label of unseen paraphrases with a probability', () => {
    expect(model.predict({ content: '电梯坏了物业一直不修' }).label).toBe('housing');
    expect(model.predict({ content: '晚上施工噪声太吵了' }).label).toBe('ecology');
    const p = model.predict({ title: '入学咨询', content: '小学报名要准备哪些材料' });
    expect(p.label).toBe('education');
    expect(p.confidence).toBeGreaterThan(0.5);
    expect(p.confidence).toBeLessThanOrEqual(1);
    expect(p.top.map((t) => t.label)).toHaveLength(3);
    expect(p.top.reduce((s, t) => s + t.p, 0)).toBeCloseTo(1, 5);
    expect(p.terms.length).toBeGreaterThan(0);
  });

  it('is less confident about text unlike anything it learned', () => {
    const known = model.predict({ content: '楼下餐馆油烟太大' }).confidence;
    const gibberish = model.predict({ content: 'asdf qwer zxcv 哈哈哈' }).confidence;
    expect(gibberish).toBeLessThan(known);
    expect(gibberish).toBeLessThan(0.6);
  });

  it('round-trips through its serialised form and trains deterministically', () => {
    const copy = TextClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const input = { content: '物业费怎么这么贵' };
    expect(copy.predict(input)).toEqual(model.predict(input));
    expect(TextClassifier.train(examples).toJSON()).toEqual(model.toJSON());
  });

  it('scores every label alike for a message with no feature it knows', () => {
    const p = model.predict({ content: 'qqqq zzzz' });
    expect(p.confidence).toBeCloseTo(1 / 3, 6);
    expect(p.terms).toEqual([]);
  });

  it('calibrates by a temperature fitted out of fold, which never changes the winning label', () => {
    const m = model.toJSON();
    expect(m.calibration).toMatchObject({ method: 'temperature', folds: 3 });
    expect(m.calibration!.temperature).toBeGreaterThan(0);
    expect(m.training).toMatchObject({ solver: 'lbfgs', converged: true });
    const raw = TextClassifier.train(examples, { calibrationFolds: 0 });
    expect(raw.toJSON().calibration).toBeNull();
    for (const content of [
      '电梯坏了物业一直不修',
      '晚上施工噪声太吵了',
      '小学报名要准备哪些材料',
      '物业费怎么这么贵',
    ]) {
      expect(raw.predict({ content }).label).toBe(model.predict({ content }).label);
    }
  });

  it('reads models stored by the earlier trainer (no feature families, with biases)', () => {
    const old = TextClassifier.fromJSON({
      format: 'civic-hub.text-classifier.v1',
      labels: ['housing', 'ecology'],
      features: ['c:噪声', 'c:电梯', 'w:电梯'],
      idf: [1, 1, 2],
      weights: [
        [-1, 1, 1, 0.5],
        [1, -1, -1, 0],
      ],
      trainedOn: 2,
    });
    // c:电梯 and w:电梯 once each: (1 + ln 1)·idf = (1, 2), L2-normalised.
    const [a, b] = [1 / Math.sqrt(5), 2 / Math.sqrt(5)];
    const margin = 0.5 + a + b - (-a - b);
    const p = old.predict({ content: '电梯坏了' });
    expect(p.label).toBe('housing');
    expect(p.confidence).toBeCloseTo(1 / (1 + Math.exp(-margin)), 6);
    expect(p.terms).toEqual(['电梯']);
  });

  it('refuses what it cannot learn from, and files that are not models', () => {
    expect(() => TextClassifier.train([])).toThrow('no training examples');
    expect(() => TextClassifier.train([examples[0]])).toThrow('at least two labels');
    expect(() => TextClassifier.fromJSON({ weights: [] })).toThrow('not a civic-hub text classifier model');
    expect(() =>
      TextClassifier.fromJSON({ ...model.toJSON(), weights: model.toJSON().weights.slice(1) }),
    ).toThrow('do not match');
  });
});

describe('extractFeatures', () => {
  it('counts jieba words and character 1–3-grams, single characters only when Chinese', () => {
    const f = extractFeatures({ title: '电梯', content: 'ab电梯' });
    expect(f.get('w:电梯')).toBe(3); // once in the content, twice for the title
    expect(f.get('c:电')).toBe(3);
    expect(f.get('c:b电')).toBe(1);
    expect(f.get('c:ab电')).toBe(1);
    expect(f.has('c:a')).toBe(false);
  });

  it('produces only the families asked for', () => {
    const input = { content: '电梯坏了' };
    expect([...extractFeatures(input, { words: false, chars: [2, 2] }).keys()].sort()).toEqual([
      'c:坏了',
      'c:梯坏',
      'c:电梯',
    ]);
    expect([...extractFeatures(input, { chars: null }).keys()].every((f) => f.startsWith('w:'))).toBe(true);
    expect([...extractFeatures(input, { wordBigrams: true }).keys()].some((f) => f.startsWith('b:'))).toBe(
      true,
    );
  });
});

describe('evaluation', () => {
  it('computes macro-F1 over the gold labels', () => {
    const s = score(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(s.accuracy).toBe(0.75);
    // a: p=1 r=.5 f1=.667; b: p=.667 r=1 f1=.8
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 6);
  });

  it('cross-validates with every example predicted once by a model that never saw it', () => {
    const seen: string[] = [];
    const s = crossValidate(examples, 5, (train) => {
      const ids = new Set(train.map((e) => e.id));
      return {
        predict: (e: LabelledExample) => {
          expect(ids.has(e.id)).toBe(false);
          seen.push(e.id);
          return { label: e.label };
        },
      };
    });
    expect(seen.sort()).toEqual(examples.map((e) => e.id).sort());
    expect(s.macroF1).toBe(1);
    expect(s.folds).toHaveLength(5);
    expect(s.predictions.map((p) => p.id)).toEqual(examples.map((e) => e.id));
  });

  it('keeps the held-out confidences, for calibration figures', () => {
    const s = crossValidate(examples, 3);
    expect(s.predictions.every((p) => p.confidence! > 0 && p.confidence! <= 1)).toBe(true);
    const c = calibration(s.predictions, 0.5);
    expect(c.accuracy).toBeCloseTo(s.accuracy, 10);
    expect(c.coverage).toBeGreaterThanOrEqual(0);
  });

  it('computes expected calibration error, coverage and accuracy above a threshold', () => {
    const c = calibration(
      [
        { gold: 'a', label: 'a', confidence: 0.9 },
        { gold: 'b', label: 'a', confidence: 0.9 },
        { gold: 'a', label: 'a', confidence: 0.3 },
      ],
      0.5,
    );
    // bin 0.9: 2 predictions, 1 right, confidence 1.8 → 0.8; bin 0.3: 1 right, 0.3 → 0.7
    expect(c.ece).toBeCloseTo(1.5 / 3, 10);
    expect(c.coverage).toBeCloseTo(2 / 3, 10);
    expect(c.accuracyAbove).toBe(0.5);
    expect(c.meanConfidence).toBeCloseTo(0.7, 10);
    expect(meanAndStd([1, 2, 3])).toEqual({ mean: 2, std: 1 });
  });
});
