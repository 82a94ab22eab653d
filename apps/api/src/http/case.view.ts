import { type CaseRecordEntity, type CaseTimelineEntity } from '@hub/persistence';

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
    version: c.version,
  };
}

export function timelineView(t: CaseTimelineEntity) {
  return { type: t.type, occurredAt: t.occurredAt.toISOString(), actor: t.actor, data: t.data };
}
