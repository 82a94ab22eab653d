import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Paging of list routes: `offset` and `limit` (at most `maxLimit`). */
export function PageQuery(maxLimit: number) {
  class Page {
    @ApiPropertyOptional({ default: 0 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(0)
    @Max(10000)
    offset: number = 0;

    @ApiPropertyOptional({ default: 20, maximum: maxLimit })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maxLimit)
    limit: number = 20;
  }
  return Page;
}
