import { CommonConfig } from '@hub/config';

/** Configuration of the case service (everything it needs is common for now). */
export class CaseServiceConfig extends CommonConfig {}
