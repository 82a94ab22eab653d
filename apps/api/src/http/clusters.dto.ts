import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { SHARED_ANSWER_STATUSES, type SharedAnswerStatus } from '@hub/persistence';
import { PageQuery } from './page.query';

export class ClusterListQuery extends PageQuery(200) {
  @ApiPropertyOptional({ description: 'Substring of the title or key terms' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ['size', 'recent'], default: 'size' })
  @IsOptional()
  @IsIn(['size', 'recent'])
  sort: 'size' | 'recent' = 'size';

  @ApiPropertyOptional({ default: 2, description: 'Only clusters with at least this many messages' })
  @IsOptional()
  @Type(() => Number)
  minMembers: number = 2;
}

export class RenameClusterDto {
  @ApiProperty({ example: '政府开放月活动如何报名' })
  @IsString()
  @Length(1, 200)
  title!: string;
}

export class MergeClusterDto {
  @ApiProperty()
  @IsUUID()
  intoClusterId!: string;
}

export class MoveCasesDto {
  @ApiProperty({ type: [String] })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  caseIds!: string[];

  @ApiPropertyOptional({ description: 'Title of the new cluster (split)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;
}

export class NotDuplicateDto {
  @ApiProperty({ description: 'The case this one is NOT the same question as' })
  @IsUUID()
  otherCaseId!: string;
}

export class ServiceItemDto {
  @ApiProperty({ example: '政府开放月活动报名' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'https://zwdt.sh.gov.cn/…' })
  @IsUrl({ require_protocol: true })
  url!: string;
}

export class DraftSharedAnswerDto {
  @ApiProperty({ example: '您好，政府开放月活动可通过区政府网站报名……' })
  @IsString()
  @Length(1, 20000)
  text!: string;

  @ApiPropertyOptional({ description: 'The policy the answer rests on (registry id)' })
  @IsOptional()
  @IsUUID()
  policyId?: string;

  @ApiPropertyOptional({ type: ServiceItemDto, description: 'The matching 一网通办 service item' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceItemDto)
  serviceItem?: ServiceItemDto;
}

/** `GET /api/v1/shared-answers`: the answers of one status (the lead's review list), paged. */
export class SharedAnswerListQuery extends PageQuery(200) {
  @ApiPropertyOptional({ enum: SHARED_ANSWER_STATUSES, description: 'Leave out for every status' })
  @IsOptional()
  @IsIn(SHARED_ANSWER_STATUSES, {
    message: `status must be one of ${SHARED_ANSWER_STATUSES.join(', ')}`,
  })
  status?: SharedAnswerStatus;
}
