import type { Action } from '../cases/workflow-actions';
/**
 * The hub's HTTP answers as the web app reads them (DESIGN.md "HTTP", README "Case workflow",
 * "Measures"). The web app is a browser bundle and imports no server library: these mirror the
 * API's JSON, not its code.
 */

export const CASE_STATUSES = [
  'received', // 受理
  'pending-dispatch', // 待派单
  'assigned', // 已派单
  'accepted', // 已签收
  'reply-review', // 答复审核中
  'replied', // 已回复
  'closed', // 已办结
  'merged', // 已并案
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses of a case still waiting for its answer (the SLA monitor watches these). */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'received',
  'pending-dispatch',
  'assigned',
  'accepted',
  'reply-review',
];

export const CHANNELS = ['hotline', 'board', 'portal', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MESSAGE_KINDS = ['consultation', 'help', 'complaint', 'suggestion', 'report'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export type Role = 'admin' | 'dispatcher' | 'staff' | 'lead' | 'supervisor' | 'analyst' | 'integration';

export interface User {
  username: string;
  role: Role;
  departmentCode: string | null;
  displayName: string;
}

export interface LoginAnswer {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: User;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** One case as `GET /api/v1/cases` lists it (text masked). */
export interface CaseItem {
  id: string;
  /** The workflow steps the caller may take now (decided by the server's rule table). */
  allowedActions: Action[];
  channel: Channel;
  externalRef: string | null;
  status: CaseStatus;
  departmentCode: string | null;
  dueAt: string | null;
  /** Not in every list answer: the queue reads it from the case when the list lacks it. */
  warnAt?: string | null;
  title: string | null;
  content: string;
  kind: MessageKind | null;
  urgency: 'normal' | 'urgent' | null;
  trackingCode: string | null;
  policyDocNo: string | null;
  street: string | null;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  firstResponseDueAt: string | null;
  acceptedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  supervised: boolean;
  returnCount: number;
  mergedInto: string | null;
  version: number;
}

export interface RoutingScore {
  label: string;
  p: number;
}

/** `routing.reasons`: what the rule matched (policy 文号, classifier terms and scores, a street). */
export interface RoutingReasons {
  explanation?: string;
  policyDocNo?: string;
  policyTitle?: string;
  terms?: string[];
  scores?: RoutingScore[];
  threshold?: number;
  modelVersion?: number | string;
  street?: string;
  streets?: string[];
  queue?: string;
  [other: string]: unknown;
}

export interface Routing {
  rule: 'policy' | 'classifier' | 'street' | 'manual' | null;
  confidence: number | null;
  reasons: RoutingReasons | null;
}

/** How one deadline was computed (`deadlines.computed.answer` / `.firstResponse`). */
export interface DeadlineComputation {
  rule?: string;
  dueAt?: string;
  warnAt?: string;
  startedAt?: string;
  amount?: number;
  unit?: string;
  explanation?: string[];
  [other: string]: unknown;
}

export interface ExtensionRequest {
  workingDays: number;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

export interface Reply {
  id: number;
  text: string;
  sharedAnswerId: string | null;
  status: 'pending' | 'approved' | 'rejected';
  submittedBy: string;
  submittedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
}

export interface Feedback {
  visitedAt: string;
  reached: boolean;
  resolved: 'resolved' | 'partly' | 'unresolved' | null;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  comment: string | null;
}

export interface TimelineEntry {
  type: string;
  occurredAt: string;
  actor: string;
  data: Record<string, unknown> | null;
}

/** `GET /api/v1/cases/{id}`. */
export interface CaseDetail extends CaseItem {
  routing: Routing | null;
  deadlines: {
    firstResponseDueAt: string | null;
    dueAt: string | null;
    warnAt: string | null;
    /** `answer`, `firstResponse` ({@link DeadlineComputation}) and earlier deadlines. */
    computed: Record<string, unknown> | null;
    extendedDays: number;
    extensionRequest: ExtensionRequest | null;
  };
  replies: Reply[];
  feedback: Feedback[];
  timeline: TimelineEntry[];
}

export interface Contact {
  name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  found: unknown;
}

export interface Unit {
  code: string;
  /** `department` or `street`. */
  kind: string;
  name: string;
  nameEn: string | null;
  active: boolean;
}

export interface Notification {
  id: number;
  caseId: string;
  kind: string;
  text: string;
  createdAt: string;
  readAt: string | null;
  title: string | null;
  status: CaseStatus;
  dueAt: string | null;
}

export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface MetricsGroup {
  key: string | null;
  label: string;
  received: number;
  response: Rate;
  onTime: Rate;
  resolution: Rate;
  satisfaction: Rate;
  avgHandlingHours: number | null;
  replied: number;
  breached: number;
  open: number;
  overdue: number;
  extended: number;
  reopened: number;
}

export interface MetricsReport {
  from: string;
  to: string;
  asOf: string;
  groupBy: string;
  definitions: Record<string, Definition>;
  total: MetricsGroup;
  groups: MetricsGroup[];
}

export const RATE_MEASURES = ['response', 'on-time', 'resolution', 'satisfaction'] as const;
export type RateMeasure = (typeof RATE_MEASURES)[number];
export const COUNT_MEASURES = ['received', 'breached', 'overdue', 'open', 'extended', 'reopened'] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];
export type DrillMeasure = RateMeasure | CountMeasure;

/** A row of `GET /api/v1/metrics/cases`. */
export interface MetricsCaseRow {
  id: string;
  channel: Channel;
  externalRef: string | null;
  departmentCode: string | null;
  status: CaseStatus;
  receivedAt: string;
  firstResponseDueAt: string | null;
  dueAt: string | null;
  acceptedAt: string | null;
  repliedAt: string | null;
  title: string | null;
}

/** `POST /api/v1/board/posts` → 202. */
export interface BoardPostAnswer {
  messageId: string;
  caseId: string;
  trackingCode: string;
  duplicate?: boolean;
}

/** `GET /api/v1/board/posts/{trackingCode}` (public, personal data masked). */
export interface BoardPostStatus {
  trackingCode: string;
  status: CaseStatus;
  title: string | null;
  receivedAt?: string;
  policyDocNo?: string | null;
  repliedAt?: string | null;
  answer: { text: string; publishedAt: string } | null;
}

/** 退单 reason codes (README "Case workflow"). */
export const RETURN_REASONS = ['not-local', 'not-our-remit', 'incomplete', 'duplicate', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** How a measure is counted (`definitions` of the metrics and analytics answers). */
export interface Definition {
  name: string;
  nameEn: string;
  definition: string;
  definitionEn: string;
}

/** A `[from, to)` period, China time with its offset. */
export interface Period {
  from: string;
  to: string;
}

/** Cases in one channel (the label is the channel's Chinese name). */
export interface ChannelCount {
  channel: Channel;
  label: string;
  count: number;
}

/** How a question (or a term) rises against its own baseline (README "Hot topics"). */
export interface Rise {
  current: number;
  baseline: number;
  growth: number;
  score: number;
  rising: boolean;
}

/** The shared answer (统一回应) in force for a question, and when the question was first answered. */
export interface PublishedAnswer {
  id: string;
  departmentCode: string;
  departmentName: string | null;
  publishedAt: string;
  firstPublishedAt: string;
}

/** One row of `GET /api/v1/analytics/hot-topics`: a recurring question. */
export interface HotTopic extends Rise {
  rank: number;
  id: string;
  title: string;
  keyTerms: string[];
  /** Cases per window, oldest first, the last is the current one (aligned with `windows`). */
  series: number[];
  byChannel: ChannelCount[];
  sharedAnswer: PublishedAnswer | null;
}

export interface HotTerm extends Rise {
  rank: number;
  term: string;
  clusters: number;
  series: number[];
}

export interface HotTopicsReport {
  window: 'week' | 'month';
  at: string;
  windows: Period[];
  definitions: Record<string, Definition>;
  items: HotTopic[];
  terms: HotTerm[];
}

/** One row of 每月一题 (`GET /api/v1/analytics/monthly-questions`). */
export interface MonthlyQuestion {
  rank: number;
  id: string;
  title: string;
  keyTerms: string[];
  count: number;
  byChannel: ChannelCount[];
  /** Cases per week, oldest first (aligned with `weeks`). */
  weekly: number[];
  /** Cases in the 28 days before and after the first publication of its answer. */
  sharedAnswer: (PublishedAnswer & { before: number; after: number; afterComplete: boolean }) | null;
}

export interface MonthlyQuestionsReport extends Period {
  month: string;
  asOf: string;
  weeks: Period[];
  definitions: Record<string, Definition>;
  items: MonthlyQuestion[];
}

export const VOLUME_GROUPINGS = ['channel', 'department', 'street'] as const;
export type VolumeGrouping = (typeof VOLUME_GROUPINGS)[number];

/** `GET /api/v1/analytics/volume`: cases per group and bucket (day, ISO week, month). */
export interface VolumeReport extends Period {
  groupBy: VolumeGrouping;
  interval: 'day' | 'week' | 'month';
  definitions: Record<string, Definition>;
  buckets: (Period & { key: string; label: string })[];
  totals: number[];
  total: number;
  /** Largest first; `key` is the channel, unit code or street office code (null: none). */
  groups: { key: string | null; label: string; total: number; counts: number[] }[];
}

/** A recurring question (共性问题) as `GET /api/v1/clusters` lists it. */
export interface ClusterItem {
  id: string;
  title: string;
  keyTerms: string[];
  memberCount: number;
  /** Members the caller may see (their unit's, for staff and leads). */
  inScope: number;
  firstAt: string;
  lastAt: string;
  channels: Partial<Record<Channel, number>> | null;
  /** Some unit's shared answer is approved. */
  answered: boolean;
}

export interface ClusterMember {
  caseId: string;
  channel: Channel;
  externalRef: string | null;
  status: CaseStatus;
  departmentCode: string | null;
  title: string | null;
  content: string;
  receivedAt: string;
  similarity: number | null;
  /** `clusterer`, or the staff member who moved it. */
  placedBy: string;
}

/** 统一回应: one unit's answer to a recurring question, reviewed by its lead. */
export interface SharedAnswer {
  id: string;
  clusterId: string;
  departmentCode: string;
  text: string;
  policyId: string | null;
  serviceItem: ServiceItem | null;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  draftedBy: string;
  draftedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
}

/** A 一网通办 service item. */
export interface ServiceItem {
  name: string;
  url: string;
}

/** `GET /api/v1/clusters/{id}`: members only those the caller may see. */
export interface ClusterDetail {
  id: string;
  title: string;
  titleBy: string | null;
  keyTerms: string[];
  memberCount: number;
  firstAt: string;
  lastAt: string;
  mergedInto: string | null;
  members: ClusterMember[];
  sharedAnswers: SharedAnswer[];
}

/** `POST /api/v1/shared-answers/{id}/reply-all`: one result per open member case of the unit. */
export interface ReplyAllAnswer {
  sharedAnswerId: string;
  replied: number;
  failed: number;
  results: { caseId: string; status: CaseStatus; error?: string }[];
}

/** `GET /api/v1/cases/{id}/suggestions`: what the reply editor offers. */
export interface CaseSuggestions {
  clusterId: string | null;
  /** The question's approved shared answers of the case's unit. */
  sharedAnswers: SharedAnswer[];
  /** Answered cases like this one, with their published reply. */
  similarCases: {
    id: string;
    score: number;
    title: string | null;
    content: string;
    departmentCode: string | null;
    reply: string;
  }[];
}

/** A policy of the registry (`GET /api/v1/policies`). */
export interface Policy {
  id: string;
  docNo: string;
  title: string;
  drafterCode: string;
  drafterName: string | null;
  issuedOn: string | null;
  topics: string[];
  serviceItems: ServiceItem[];
}

/** A unit as the directory routes answer it (`GET /api/v1/directory/units`), for the admin screens. */
export interface UnitDetail extends Unit {
  kind: 'department' | 'street';
  duties: string;
  /** A street office's communities (居委会). */
  communities: string[];
  createdAt: string;
  updatedAt: string;
}

/** One rejected row of a directory import. */
export interface DirectoryImportProblem {
  section: 'departments' | 'streets' | 'policies';
  /** 1-based within the section (0: the section itself). */
  row: number;
  field: string;
  problem: string;
}

/** `POST /api/v1/directory/import`. */
export interface DirectoryImportReport {
  rows: number;
  accepted: number;
  updated: number;
  rejected: DirectoryImportProblem[];
}

/** A stored classifier model without its body (`GET /api/v1/classifier/models`). */
export interface ClassifierModel {
  version: number;
  labels: string[];
  metrics: {
    macroF1?: number;
    accuracy?: number;
    folds?: number;
    perLabel?: { label: string; precision: number; recall: number; f1: number; support: number }[];
    /** Examples per source: corpus, correction (dispatchers' 改派), import. */
    examples?: Record<string, number>;
    excluded?: { label: string; count: number }[];
    trainingMs?: number;
    [other: string]: unknown;
  };
  trainedOn: number;
  active: boolean;
  previousVersion: number | null;
  createdAt: string;
  activatedAt: string | null;
}

/** A training job (`POST /api/v1/classifier/models` → 202, `GET /api/v1/classifier/training/{id}`). */
export interface TrainingJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  activate: boolean;
  requestedBy: string;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  version: number | null;
  error: string | null;
  model: ClassifierModel | null;
}

/** `POST /api/v1/classifier/examples/import`: every bad line by its number. */
export interface ExampleImportReport {
  lines: number;
  accepted: number;
  updated: number;
  rejected: { line: number; problem: string }[];
}

/** A row of `GET /api/v1/shared-answers?status=…`: the answer with its question and policy. */
export interface SharedAnswerListItem extends SharedAnswer {
  clusterTitle: string;
  clusterMemberCount: number;
  policyDocNo: string | null;
  policyTitle: string | null;
  /** The unit's member cases still to answer: what a reply to all would answer. */
  openCases: number;
}
