import { routeMessage, type RoutingContext } from './route-message';

const ctx = (confidence: number | null): RoutingContext => ({
  policy: (docNo) =>
    docNo === '静府办发〔2026〕4号' ? { docNo, title: '政务公开工作方案', drafterCode: 'gov-office' } : null,
  classify: () =>
    confidence === null
      ? null
      : {
          label: 'housing',
          confidence,
          top: [{ label: 'housing', p: confidence }],
          terms: ['物业'],
          modelVersion: 3,
        },
  streets: [
    { code: 'pengpu-xincun', name: '彭浦新村街道' },
    { code: 'daning', name: '大宁路街道' },
  ],
  threshold: 0.6,
});
const msg = { title: null, content: '小区物业不作为', policyDocNo: null, street: null };

describe('routeMessage', () => {
  it('routes a cited policy to its drafting department first, whatever the classifier says', () => {
    const d = routeMessage({ ...msg, policyDocNo: '静府办发〔2026〕4号' }, ctx(0.99));
    expect(d).toMatchObject({ rule: 'policy', departmentCode: 'gov-office', confidence: 1 });
    expect(JSON.stringify(d.reasons)).toContain('静府办发〔2026〕4号');
  });

  it('uses the classifier when it is confident, with its terms and scores as reasons', () => {
    const d = routeMessage({ ...msg, policyDocNo: '沪府发〔2025〕1号' }, ctx(0.9));
    expect(d).toMatchObject({ rule: 'classifier', departmentCode: 'housing', confidence: 0.9 });
    expect(d.reasons).toMatchObject({ terms: ['物业'], modelVersion: 3, threshold: 0.6 });
  });

  it('sends a local matter in a named street to that street office when the classifier is unsure', () => {
    expect(routeMessage({ ...msg, content: '彭浦新村这边路灯坏了' }, ctx(0.3))).toMatchObject({
      rule: 'street',
      departmentCode: 'pengpu-xincun',
    });
    expect(routeMessage({ ...msg, street: '大宁路街道' }, ctx(0.3))).toMatchObject({
      rule: 'street',
      departmentCode: 'daning',
    });
  });

  it('leaves everything else to the dispatcher, saying why', () => {
    expect(routeMessage(msg, ctx(0.3))).toMatchObject({
      rule: null,
      departmentCode: null,
      reasons: { queue: 'dispatcher' },
    });
    expect(routeMessage(msg, ctx(null)).reasons).toMatchObject({
      explanation: 'no classifier model is active',
    });
    expect(routeMessage({ ...msg, content: '彭浦新村和大宁路之间' }, ctx(0.3)).reasons).toMatchObject({
      streets: ['彭浦新村街道', '大宁路街道'],
    });
  });
});
