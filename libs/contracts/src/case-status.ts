/**
 * Case statuses (DESIGN.md, "Case lifecycle"). The foundation only reaches `received`; the workflow
 * adds the transitions between the others.
 */
export const CASE_STATUSES = [
  'received', // 受理
  'pending-dispatch', // 待派单 — waiting for a dispatcher
  'assigned', // 派单
  'accepted', // 签收
  'reply-review', // 审核 — reply drafted, waiting for the lead
  'replied', // 回复
  'closed', // 办结
  'merged', // 重复件
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
