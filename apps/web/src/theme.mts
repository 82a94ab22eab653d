import type { ThemeConfig } from 'antd';

/**
 * The app's Ant Design theme: compact (dense tables), small corner radius, the hub's blue. Given
 * antd's `theme` by the caller: the app (app.tsx) and the build, which renders every component's
 * styles with it into a static stylesheet (antd-static-style.mts), use the same.
 */
export function themeConfig(antdTheme: {
  compactAlgorithm: NonNullable<ThemeConfig['algorithm']>;
}): ThemeConfig {
  return { algorithm: antdTheme.compactAlgorithm, token: { borderRadius: 4, colorPrimary: '#1f5fbf' } };
}
