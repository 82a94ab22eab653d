import { CommonConfig } from '@hub/config';

/** Configuration of the intake service (everything it needs is common for now). */
export class IntakeConfig extends CommonConfig {}
