import { CaseRecordEntity } from './case-record.entity';
import { CaseTimelineEntity } from './case-timeline.entity';

export { CaseRecordEntity, CaseTimelineEntity };
export const ENTITIES = [CaseRecordEntity, CaseTimelineEntity];
