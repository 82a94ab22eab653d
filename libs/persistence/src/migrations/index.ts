import { InitialSchema1764316800000 } from './1764316800000-initial-schema';
import { IntakeChannels1764403200000 } from './1764403200000-intake-channels';
import { Triage1764489600000 } from './1764489600000-triage';
import { CaseWorkflow1764576000000 } from './1764576000000-case-workflow';
import { RegistryAdmin1764662400000 } from './1764662400000-registry-admin';
import { RecurringQuestions1764748800000 } from './1764748800000-recurring-questions';
import { SavedViews1764835200000 } from './1764835200000-saved-views';
import { MessageEmbeddings1764921600000 } from './1764921600000-message-embeddings';

/** Every migration, oldest first. Forward-only: a fix is a new migration. */
export const MIGRATIONS = [
  InitialSchema1764316800000,
  IntakeChannels1764403200000,
  Triage1764489600000,
  CaseWorkflow1764576000000,
  RegistryAdmin1764662400000,
  RecurringQuestions1764748800000,
  SavedViews1764835200000,
  MessageEmbeddings1764921600000,
];
