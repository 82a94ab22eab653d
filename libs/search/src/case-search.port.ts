/** What the search engine holds of a case: masked text only, never raw personal data. */
export interface CaseSearchDocument {
  caseId: string;
  channel: string;
  externalRef: string;
  status: string;
  departmentCode: string | null;
  kind: string | null;
  urgency: string;
  street: string | null;
  policyDocNo: string | null;
  title: string | null;
  content: string;
  receivedAt: string;
  dueAt: string | null;
  /** The case version the document reflects; an older or equal version never overwrites it. */
  version: number;
}

export type CaseSearchPatch = Partial<Pick<CaseSearchDocument, 'status' | 'departmentCode' | 'dueAt'>>;

export interface CaseSearchQuery {
  q: string;
  /** Only these departments' cases (access control); undefined means no restriction. */
  departmentScope?: string[];
  offset: number;
  limit: number;
}

export interface CaseSearchHit {
  id: string;
  score: number;
  channel: string;
  externalRef: string;
  status: string;
  departmentCode: string | null;
  title: string | null;
  content: string;
  receivedAt: string;
  highlight: string[];
}

/** One write to the index: a whole case document, or a later step's changes to one. */
export type CaseIndexChange =
  | { kind: 'index'; doc: CaseSearchDocument }
  | { kind: 'update'; caseId: string; version: number; patch: CaseSearchPatch };

/**
 * What became of a change: `written`; `stale` when the index already reflects this or a newer
 * version of the case (a replay or an out-of-order copy); `missing` for a step on a case the index
 * does not hold.
 */
export type CaseIndexOutcome = 'written' | 'stale' | 'missing';

export interface SimilarCasesQuery {
  text: string;
  excludeId?: string;
  departmentScope?: string[];
  limit: number;
}

/** Port: the case search index. */
export interface CaseSearch {
  ensureIndex(): Promise<void>;
  /** Applies the changes in order, in one request; throws if any failed for another reason. */
  apply(changes: CaseIndexChange[]): Promise<CaseIndexOutcome[]>;
  search(query: CaseSearchQuery): Promise<{ items: CaseSearchHit[]; total: number }>;
  similarAnswered(
    query: SimilarCasesQuery,
  ): Promise<
    { id: string; score: number; title: string | null; content: string; departmentCode: string | null }[]
  >;
  refresh(): Promise<void>;
}

export const CASE_SEARCH = Symbol('CaseSearch');
