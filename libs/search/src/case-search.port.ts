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

/** Port: the case search index. */
export interface CaseSearch {
  ensureIndex(): Promise<void>;
  /** Upserts; answers false when the index already holds this or a newer version. */
  index(doc: CaseSearchDocument): Promise<boolean>;
  /**
   * Applies a later step's changes (status, department, deadline) when `version` is newer than the
   * indexed one; answers false when it is not, or when the case is not indexed.
   */
  update(caseId: string, version: number, patch: CaseSearchPatch): Promise<boolean>;
  search(query: CaseSearchQuery): Promise<{ items: CaseSearchHit[]; total: number }>;
  refresh(): Promise<void>;
}

export const CASE_SEARCH = Symbol('CaseSearch');
