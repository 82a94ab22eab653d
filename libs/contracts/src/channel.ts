/** The channels a citizen message arrives through (DESIGN.md, `hub.case-events.v1` `channel`). */
export const CHANNELS = ['hotline', 'board', 'portal', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];

/** 咨询/求助/投诉/建议/举报 — the kinds of a 12345 ticket. */
export const MESSAGE_KINDS = ['consultation', 'help', 'complaint', 'suggestion', 'report'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
