import { InitialSchema1764316800000 } from './1764316800000-initial-schema';
import { IntakeChannels1764403200000 } from './1764403200000-intake-channels';
import { Triage1764489600000 } from './1764489600000-triage';

/** Every migration, oldest first. Forward-only: a fix is a new migration. */
export const MIGRATIONS = [InitialSchema1764316800000, IntakeChannels1764403200000, Triage1764489600000];
