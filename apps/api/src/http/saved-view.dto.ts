import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Validate,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

/** List pages that have saved views. */
export const VIEW_PAGES = ['queue'] as const;
export type ViewPage = (typeof VIEW_PAGES)[number];

/** Views one user may keep per page. */
export const MAX_VIEWS_PER_PAGE = 50;

const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;
const QUERY_CHARS = /^[A-Za-z0-9\-._~%!$'()*+,;:@/=&]*$/;
const MAX_PARAMS = 20;

/** Why a string is not a page's URL query string as the web app writes it (null: it is one). */
export function viewQueryProblem(q: string): string | null {
  if (q.startsWith('?')) return 'must not start with "?"';
  if (!QUERY_CHARS.test(q)) return 'must be a URL-encoded query string (a=1&b=2)';
  const params = [...new URLSearchParams(q).keys()];
  if (params.length > MAX_PARAMS) return `may hold at most ${MAX_PARAMS} parameters`;
  const bad = params.find((k) => !PARAM_NAME.test(k));
  if (bad !== undefined) return `has a parameter name that is not a filter name: "${bad.slice(0, 40)}"`;
  return null;
}

@ValidatorConstraint({ name: 'isViewQuery' })
class ViewQueryConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && viewQueryProblem(value) === null;
  }

  defaultMessage(args?: ValidationArguments): string {
    const problem = typeof args?.value === 'string' ? viewQueryProblem(args.value) : 'must be a string';
    return `query ${problem ?? 'is not a query string'}`;
  }
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ViewPageQuery {
  @ApiPropertyOptional({ enum: VIEW_PAGES, default: 'queue' })
  @IsOptional()
  @IsIn(VIEW_PAGES)
  page: ViewPage = 'queue';
}

/** `POST /api/v1/me/views`: save the page's current filters under a name (the same name replaces). */
export class SaveViewDto {
  @ApiPropertyOptional({ enum: VIEW_PAGES, default: 'queue' })
  @IsOptional()
  @IsIn(VIEW_PAGES)
  page: ViewPage = 'queue';

  @ApiProperty({ example: '本周热线投诉', minLength: 1, maxLength: 60 })
  @Transform(trim)
  @IsString()
  @Length(1, 60)
  @Matches(/^[^\p{Cc}]*$/u, { message: 'name must not hold control characters' })
  name!: string;

  @ApiProperty({ example: 'status=all&channel=hotline&kind=complaint', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  @Validate(ViewQueryConstraint)
  query!: string;
}

export class ViewIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}
