import { IsInt, Min } from 'class-validator';
import { CommonConfig } from './common-config';
import { ConfigError, loadConfig } from './load-config';

class SampleConfig extends CommonConfig {
  @IsInt()
  @Min(1)
  HTTP_PORT: number = 8080;
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers from the environment', () => {
    const c = loadConfig('sample', SampleConfig, { HTTP_PORT: '9090', HUB_TOPIC_PREFIX: 't1.' });
    expect(c.HTTP_PORT).toBe(9090);
    expect(c.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/hub');
    expect(c.HUB_TOPIC_PREFIX).toBe('t1.');
    expect(c.kafkaBrokers).toEqual(['127.0.0.1:9092']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig('sample', SampleConfig, { HTTP_PORT: '' }).HTTP_PORT).toBe(8080);
  });

  it('lists every problem at once, naming the variable', () => {
    let error: unknown;
    try {
      loadConfig('sample', SampleConfig, { HTTP_PORT: '0', DATABASE_URL: 'mysql://x', HUB_ENV: 'prod' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(3);
    expect(message).toContain('HTTP_PORT');
    expect(message).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(message).toContain('HUB_ENV');
  });
});
