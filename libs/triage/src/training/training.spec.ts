import { type LabelledExample } from '../text-classifier';
import { parseCorpus } from './corpus';
import { type ClassifierTrainingStore, TrainClassifierUseCase } from './train-classifier.use-case';
import { buildTrainingSet, type StoredExample } from './training-set';

const texts: Record<string, string[]> = {
  housing: ['电梯坏了物业不修', '物业费上涨业主不满', '小区电梯长期停运', '物业公司不作为', '加装电梯协调难'],
  ecology: ['餐馆油烟扰民', '夜间施工噪声扰民', '河道发黑发臭', '工厂排放废气', '垃圾焚烧气味刺鼻'],
  education: ['孩子入学报名', '学区划分不合理', '幼儿园入园难', '校外培训退费', '学校门口接送拥堵'],
};
const corpus: LabelledExample[] = Object.entries(texts).flatMap(([label, contents]) =>
  contents.map((content, i) => ({ id: `${label}-${i}`, title: null, content, label })),
);

describe('buildTrainingSet', () => {
  it('adds stored examples to the corpus, leaves out labels that are no active unit, and counts both', () => {
    const stored: StoredExample[] = [
      { id: '1', title: '改派', content: '电梯困人', label: 'housing', source: 'correction' },
      { id: '2', title: null, content: '绿化带被毁', label: 'greening', source: 'import' },
      { id: '3', title: null, content: '旧部门', label: 'old-unit', source: 'import' },
    ];
    const set = buildTrainingSet(corpus, stored, new Set(['housing', 'ecology', 'greening']));
    expect(set.counts).toEqual({ corpus: 10, correction: 1, import: 1 });
    expect(set.excluded).toEqual([
      { label: 'education', count: 5 },
      { label: 'old-unit', count: 1 },
    ]);
    expect(set.examples.map((e) => e.id)).toEqual(
      expect.arrayContaining(['corpus:housing-0', 'correction:1', 'import:2']),
    );
    expect(new Set(set.examples.map((e) => e.id)).size).toBe(set.examples.length);
  });
});

describe('parseCorpus', () => {
  it('reads JSONL records and names the file and line of a bad one', () => {
    expect(
      parseCorpus(
        '{"id":"a","content":"x","label":"housing"}\n\n{"content":"y","label":"drc","title":"t"}\n',
        'c.jsonl',
      ),
    ).toEqual([
      { id: 'a', title: null, content: 'x', label: 'housing' },
      { id: 'line-3', title: 't', content: 'y', label: 'drc' },
    ]);
    expect(() => parseCorpus('{"id":"a","content":"x"}', 'c.jsonl')).toThrow(
      'c.jsonl:1: content and label are required',
    );
  });
});

describe('TrainClassifierUseCase', () => {
  function fakeStore(jobs: { id: string; activate: boolean }[], stored: StoredExample[] = []) {
    const saved: {
      labels: string[];
      metrics: Record<string, unknown>;
      trainedOn: number;
      activate: boolean;
      trainingId: string;
    }[] = [];
    const failed: { id: string; error: string }[] = [];
    const store: ClassifierTrainingStore = {
      claimTraining: () => Promise.resolve(jobs.shift() ?? null),
      failTraining: (id, error) => Promise.resolve(void failed.push({ id, error })),
      trainingExamples: () => Promise.resolve(stored),
      activeUnitCodes: () => Promise.resolve(new Set(['housing', 'ecology', 'education'])),
      refreshDirectory: () => Promise.resolve(),
      saveModel: (m, activate, trainingId) => {
        saved.push({
          labels: m.labels,
          metrics: m.metrics as Record<string, unknown>,
          trainedOn: m.trainedOn,
          activate,
          trainingId,
        });
        return Promise.resolve(saved.length + 1);
      },
    };
    return { store, saved, failed };
  }
  const clock = { now: () => new Date() };

  it('trains the queued job on the corpus and the stored examples, with cross-validated macro-F1', async () => {
    const { store, saved } = fakeStore(
      [{ id: 'job-1', activate: true }],
      [{ id: '9', title: null, content: '物业维修基金使用', label: 'housing', source: 'correction' }],
    );
    const train = new TrainClassifierUseCase(store, () => corpus, clock, 3);
    expect(await train.runNext()).toEqual({ id: 'job-1', version: 2 });
    expect(await train.runNext()).toBeNull();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      labels: ['ecology', 'education', 'housing'],
      trainedOn: 16,
      activate: true,
      trainingId: 'job-1',
      metrics: { folds: 3, examples: { corpus: 15, correction: 1 }, excluded: [] },
    });
    expect(saved[0].metrics.macroF1).toBeGreaterThan(0);
    expect(saved[0].metrics.macroF1).toBeLessThanOrEqual(1);
    expect(saved[0].metrics.perLabel).toHaveLength(3);
  });

  it('marks the job failed with the reason when there is nothing to learn from', async () => {
    const { store, saved, failed } = fakeStore([{ id: 'job-2', activate: false }]);
    const train = new TrainClassifierUseCase(store, () => corpus.filter((e) => e.label === 'housing'), clock);
    expect(await train.runNext()).toEqual({
      id: 'job-2',
      error: expect.stringContaining('at least two labels'),
    });
    expect(failed).toEqual([{ id: 'job-2', error: expect.stringContaining('at least two labels') }]);
    expect(saved).toEqual([]);
  });
});
