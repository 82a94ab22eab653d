import { FieldChecker, parseJsonObject } from './parse-json';

export const FEEDBACK_RESOLVED = ['resolved', 'partly', 'unresolved'] as const;
export const FEEDBACK_SATISFACTION = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

/** `hotline.feedback.v1` — the result of the call centre's follow-up call (回访), key = ticketId. */
export interface HotlineFeedbackV1 {
  ticketId: string;
  visitedAt: string;
  /** Whether the citizen was reached; when not, `resolved` and `satisfaction` are usually absent. */
  reached: boolean;
  resolved: (typeof FEEDBACK_RESOLVED)[number] | null;
  satisfaction: (typeof FEEDBACK_SATISFACTION)[number] | null;
  comment: string | null;
}

/** Decodes and checks a `hotline.feedback.v1` message; throws `InvalidMessageError` naming every problem. */
export function parseHotlineFeedback(value: Buffer): HotlineFeedbackV1 {
  const c = new FieldChecker(parseJsonObject(value, 64 * 1024));
  const feedback: HotlineFeedbackV1 = {
    ticketId: c.string('ticketId', { required: true, min: 1, max: 100 }) ?? '',
    visitedAt: c.timestamp('visitedAt', { required: true }) ?? '',
    reached: c.boolean('reached', { required: true }) ?? false,
    resolved: c.oneOf('resolved', FEEDBACK_RESOLVED),
    satisfaction: c.oneOf('satisfaction', FEEDBACK_SATISFACTION),
    comment: c.string('comment', { max: 2000 }),
  };
  c.done();
  return feedback;
}
