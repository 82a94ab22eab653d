/**
 * Kafka topic names. External topics are part of the public contract (DESIGN.md, "Kafka"); a
 * breaking change gets a new `.v2` name and the old one is kept during migration.
 */
export const Topics = {
  /** In: 12345 hotline tickets from the call centre, key = ticketId. */
  hotlineTickets: 'hotline.tickets.v1',
  /** In: 回访 follow-up call results, key = ticketId. */
  hotlineFeedback: 'hotline.feedback.v1',
  /** Out: one event per case step, key = caseId, ordered per case. */
  caseEvents: 'hub.case-events.v1',
  /** Internal: every channel's message after intake, normalised and with personal data separated. */
  messagesReceived: 'hub.messages-received.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** The dead-letter topic of a topic: where a message that cannot be processed is kept for replay. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlt`;
}

/** Headers a dead-lettered message carries beside its original bytes and headers. */
export const DeadLetterHeaders = {
  sourceTopic: 'hub-dlt-source-topic',
  sourcePartition: 'hub-dlt-source-partition',
  sourceOffset: 'hub-dlt-source-offset',
  sourceKey: 'hub-dlt-source-key',
  error: 'hub-dlt-error',
  errorKind: 'hub-dlt-error-kind',
  attempts: 'hub-dlt-attempts',
  failedAt: 'hub-dlt-failed-at',
} as const;
