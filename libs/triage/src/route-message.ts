import { normalizeText } from '@hub/text';
import { type Prediction } from './text-classifier';

/** A policy in the registry with the department that drafted it. */
export interface RegistryPolicy {
  docNo: string;
  title: string;
  drafterCode: string;
}

export interface StreetOffice {
  code: string;
  /** e.g. 彭浦新村街道; the name without 街道/镇 also counts when it has two characters or more. */
  name: string;
}

export interface RoutingInput {
  title: string | null;
  content: string;
  /** The canonical 文号 intake recognised, if any. */
  policyDocNo: string | null;
  /** The street the source named (hotline `street`), if any. */
  street: string | null;
}

export interface RoutingContext {
  policy(docNo: string): RegistryPolicy | null;
  classify(input: { title: string | null; content: string }): (Prediction & { modelVersion: number }) | null;
  streets: readonly StreetOffice[];
  /** Below this classifier confidence a case is not routed by the classifier. */
  threshold: number;
}

/**
 * How a case got its unit (DESIGN.md: `routing.rule` is policy, classifier, street or manual), or
 * `null` while it waits in the dispatcher's queue; `reasons` say why, for staff to see.
 */
export interface RoutingDecision {
  rule: 'policy' | 'classifier' | 'street' | null;
  departmentCode: string | null;
  confidence: number | null;
  reasons: Record<string, unknown>;
}

function streetsNamed(text: string, streets: readonly StreetOffice[]): StreetOffice[] {
  const t = normalizeText(text);
  return streets.filter((s) => {
    const short = s.name.replace(/(街道|镇)$/, '');
    return t.includes(s.name) || (short.length >= 2 && t.includes(short));
  });
}

/**
 * The routing order: an explicit policy reference → its drafting department; else the classifier,
 * when confident enough; else a street named in the message or by the source → that street office
 * for the local matter; else the dispatcher's queue.
 */
export function routeMessage(input: RoutingInput, ctx: RoutingContext): RoutingDecision {
  if (input.policyDocNo) {
    const policy = ctx.policy(input.policyDocNo);
    if (policy) {
      return {
        rule: 'policy',
        departmentCode: policy.drafterCode,
        confidence: 1,
        reasons: {
          policyDocNo: policy.docNo,
          policyTitle: policy.title,
          explanation: `cites ${policy.docNo}, drafted by ${policy.drafterCode}`,
        },
      };
    }
  }
  const prediction = ctx.classify({ title: input.title, content: input.content });
  const scores = prediction?.top.map((t) => ({ label: t.label, p: Number(t.p.toFixed(4)) })) ?? [];
  if (prediction && prediction.confidence >= ctx.threshold) {
    return {
      rule: 'classifier',
      departmentCode: prediction.label,
      confidence: Number(prediction.confidence.toFixed(4)),
      reasons: {
        terms: prediction.terms,
        scores,
        threshold: ctx.threshold,
        modelVersion: prediction.modelVersion,
      },
    };
  }
  const named = streetsNamed(`${input.street ?? ''} ${input.title ?? ''} ${input.content}`, ctx.streets);
  if (named.length === 1) {
    return {
      rule: 'street',
      departmentCode: named[0].code,
      confidence: prediction ? Number(prediction.confidence.toFixed(4)) : null,
      reasons: {
        street: named[0].name,
        scores,
        threshold: ctx.threshold,
        explanation: 'a local matter in a named street',
      },
    };
  }
  return {
    rule: null,
    departmentCode: null,
    confidence: prediction ? Number(prediction.confidence.toFixed(4)) : null,
    reasons: {
      queue: 'dispatcher',
      explanation: prediction
        ? `classifier confidence below ${ctx.threshold}`
        : 'no classifier model is active',
      scores,
      terms: prediction?.terms ?? [],
      ...(named.length > 1 ? { streets: named.map((s) => s.name) } : {}),
    },
  };
}
