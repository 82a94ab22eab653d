import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Matches,
  Min,
} from 'class-validator';
import { RETURN_REASONS, type ReturnReason } from '@hub/cases';

const UNIT_CODE = /^[a-z][a-z0-9-]{1,40}$/;

/** Bodies of the workflow actions (DESIGN.md, "HTTP"). */
export class CommentDto {
  @ApiPropertyOptional({ example: '请尽快办理' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

export class AssignDto extends CommentDto {
  @ApiProperty({ example: 'housing' })
  @Matches(UNIT_CODE, { message: 'must be a unit code such as housing' })
  departmentCode!: string;
}

export class ReturnDto {
  @ApiProperty({
    enum: Object.keys(RETURN_REASONS),
    description: Object.entries(RETURN_REASONS)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  })
  @IsIn(Object.keys(RETURN_REASONS))
  reasonCode!: ReturnReason;

  @ApiProperty({ example: '该地址属于南京西路街道' })
  @IsString()
  @Length(1, 2000)
  comment!: string;
}

export class TransferDto {
  @ApiProperty({ example: 'market-regulation' })
  @Matches(UNIT_CODE, { message: 'must be a unit code such as housing' })
  departmentCode!: string;

  @ApiProperty({ example: '涉及食品安全，属市场监管职责' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class RequestExtensionDto {
  @ApiProperty({ example: 5, minimum: 1, maximum: 15 })
  @IsInt()
  @Min(1)
  @Max(15)
  workingDays!: number;

  @ApiProperty({ example: '需现场勘查并协调物业' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class DecideExtensionDto extends CommentDto {
  @ApiProperty()
  @IsBoolean()
  approve!: boolean;
}

export class ReplyDto {
  @ApiProperty({ example: '您好，您反映的问题已转物业整改……' })
  @IsString()
  @Length(1, 20000)
  text!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  sharedAnswerId?: string;
}

export class RejectReplyDto {
  @ApiProperty({ example: '请补充政策依据' })
  @IsString()
  @Length(1, 2000)
  comment!: string;
}

export class MergeDto {
  @ApiProperty()
  @IsUUID()
  intoCaseId!: string;
}

export class ReopenDto {
  @ApiProperty({ example: '回访不满意，重办' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
