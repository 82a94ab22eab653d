import { type CaseRecordEntity, type CaseReplyRow, type CaseTimelineEntity } from '@hub/persistence';

/** A case as the API shows it (DESIGN.md, "HTTP"): text masked, timestamps ISO 8601. */
export function caseView(c: CaseRecordEntity) {
  return {
    id: c.id,
    channel: c.channel,
    externalRef: c.externalRef,
    status: c.status,
    departmentCode: c.departmentCode,
    dueAt: c.dueAt?.toISOString() ?? null,
    title: c.title,
    content: c.content,
    kind: c.kind,
    urgency: c.urgency,
    trackingCode: c.trackingCode,
    policyDocNo: c.policyDocNo,
    street: c.street,
    policyId: c.policyId,
    serviceCode: c.serviceCode,
    location:
      c.latitude === null || c.longitude === null ? null : { latitude: c.latitude, longitude: c.longitude },
    receivedAt: c.receivedAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    firstResponseDueAt: c.firstResponseDueAt?.toISOString() ?? null,
    /** When a fifth of the answer time is left: lists colour at-risk cases without fetching each one. */
    warnAt: c.warnAt?.toISOString() ?? null,
    acceptedAt: c.acceptedAt?.toISOString() ?? null,
    repliedAt: c.repliedAt?.toISOString() ?? null,
    closedAt: c.closedAt?.toISOString() ?? null,
    supervised: c.supervisedAt !== null,
    returnCount: c.returnCount,
    mergedInto: c.mergedInto,
    version: c.version,
  };
}

export function timelineView(t: CaseTimelineEntity) {
  return { type: t.type, occurredAt: t.occurredAt.toISOString(), actor: t.actor, data: t.data };
}

export function replyView(r: CaseReplyRow) {
  return {
    id: r.id,
    text: r.text,
    sharedAnswerId: r.sharedAnswerId,
    status: r.status,
    submittedBy: r.submittedBy,
    submittedAt: r.submittedAt.toISOString(),
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewComment: r.reviewComment,
  };
}
