import { api } from '../api/client';
import type { CaseStatus } from '../api/types';
import type { Action } from './workflow-actions';

/** What every workflow step answers. */
export interface StepAnswer {
  caseId: string;
  type: string;
  status: CaseStatus;
  departmentCode: string | null;
  dueAt: string | null;
  version: number;
}

/** `POST /api/v1/cases/{id}/<action>`; a refusal rejects with the API's reason (403/404/409/400). */
export function runAction(caseId: string, action: Action, body?: object): Promise<StepAnswer> {
  return api<StepAnswer>(`/api/v1/cases/${caseId}/${action}`, { method: 'POST', body: body ?? {} });
}
