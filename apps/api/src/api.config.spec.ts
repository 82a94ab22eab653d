import { loadConfig } from '@hub/config';
import { ApiConfig } from './api.config';

describe('API configuration in production', () => {
  const secret = 'x'.repeat(40);

  it('refuses demo passwords and a missing or short token secret', () => {
    expect(loadConfig('api', ApiConfig, { HUB_ENV: 'production' }).productionProblems()).toEqual([
      'HUB_AUTH_SECRET must be set to 32+ characters',
    ]);
    expect(
      loadConfig('api', ApiConfig, {
        HUB_ENV: 'production',
        HUB_AUTH_SECRET: secret,
        HUB_DEMO_PASSWORD: 'hub-demo',
      }).productionProblems(),
    ).toEqual(['HUB_DEMO_PASSWORD is for local demo mode only']);
    expect(
      loadConfig('api', ApiConfig, { HUB_ENV: 'production', HUB_AUTH_SECRET: 'short' }).productionProblems(),
    ).toHaveLength(1);
  });

  it('wants the provider key when OIDC is configured', () => {
    const c = loadConfig('api', ApiConfig, {
      HUB_ENV: 'production',
      HUB_AUTH_SECRET: secret,
      OIDC_ISSUER: 'https://idp.example',
    });
    expect(c.productionProblems()).toEqual(['OIDC_PUBLIC_KEY must be the PEM public key of OIDC_ISSUER']);
  });

  it('accepts a proper production configuration; local and test modes have nothing to refuse', () => {
    expect(
      loadConfig('api', ApiConfig, { HUB_ENV: 'production', HUB_AUTH_SECRET: secret }).productionProblems(),
    ).toEqual([]);
    const local = loadConfig('api', ApiConfig, { HUB_ENV: 'local' });
    expect(local.productionProblems()).toEqual([]);
    expect(local.demoPassword).toBe('hub-demo');
    expect(local.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(
      loadConfig('api', ApiConfig, { HUB_ENV: 'production', HUB_AUTH_SECRET: secret }).open311ApiKeys,
    ).toEqual([]);
  });
});
