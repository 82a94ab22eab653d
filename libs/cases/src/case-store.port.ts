import { type CaseCreatedDataV1, type CaseEventV1, type ReceivedMessageV1 } from '@hub/contracts';
import { type OpeningDeadlines } from './case-deadlines';

/**
 * Port: the case store. `openCase` writes the case, its first timeline entry and the
 * `case.created` outbox row in one transaction, once per received message: it answers false (and
 * writes nothing) when the message was already handled.
 */
export interface CaseStore {
  openCase(
    received: ReceivedMessageV1,
    created: CaseEventV1<CaseCreatedDataV1>,
    deadlines: OpeningDeadlines,
  ): Promise<boolean>;
}

export const CASE_STORE = Symbol('CaseStore');
