import { IsInt, IsString, Max, Min } from 'class-validator';
import { CommonConfig } from '@hub/config';

/** Configuration of the public API. */
export class ApiConfig extends CommonConfig {
  /** Listen on IPv4 loopback by default; containers set 0.0.0.0. */
  @IsString()
  HTTP_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT: number = 8080;
}
