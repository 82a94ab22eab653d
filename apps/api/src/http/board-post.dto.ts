import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class BoardAuthorDto {
  @ApiPropertyOptional({ example: '张先生' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ example: '13812345678' })
  @IsOptional()
  @IsString()
  @Matches(/^[+\d][\d\s-]{5,19}$/, {
    message: 'phone must be a phone number (digits, spaces, dashes, optional +)',
  })
  phone?: string;

  @ApiPropertyOptional({ example: 'citizen@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(200)
  email?: string;
}

/** `POST /api/v1/board/posts` — a citizen's question on the policy message board (政策留言板). */
export class CreateBoardPostDto {
  @ApiPropertyOptional({
    description: "The board's own id; the same postId again answers with the same ids",
    example: 'post-20261128-0001',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/^[\w.:-]+$/, { message: 'postId may hold only letters, digits, "_", ".", ":" and "-"' })
  postId?: string;

  @ApiPropertyOptional({ description: 'The 文号 of the policy asked about', example: '静府办发〔2026〕4号' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  policyDocNo?: string;

  @ApiProperty({ example: '关于政府开放月活动的咨询' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: '请问政府开放月活动市民如何报名参加？' })
  @IsString()
  @Length(1, 20000)
  content!: string;

  @ApiPropertyOptional({ type: BoardAuthorDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BoardAuthorDto)
  author?: BoardAuthorDto;

  @ApiPropertyOptional({ example: '2026-11-28T09:30:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'postedAt must be an ISO 8601 timestamp with offset' })
  postedAt?: string;
}
