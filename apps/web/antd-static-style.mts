// The app's Ant Design styles as one static stylesheet, made at build time (vite.config.mts).
//
// antd 5 writes its styles at run time (CSS-in-JS): the first render of each component builds its
// style object from the theme, serialises it and inserts a <style> tag, a large share of the main
// thread's time on a cold load. Rendered once here in node with the app's own theme, the styles of
// the components the app uses go into a CSS file together with antd's cache-path map
// (`.data-ant-cssinjs-cache-path`), which tells antd in the browser that those styles are already in
// a file: it then skips building and inserting them. A component missing here (a new import the scan
// below does not see, a part another component renders) still gets its styles at run time.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ComponentType, ReactNode } from 'react';
import { themeConfig } from './src/theme.mts';

const require = createRequire(import.meta.url);

type AnyComponent = ComponentType<Record<string, unknown>> & Record<string, unknown>;

/** Components other components render inside them (their styles are registered separately). */
const PARTS: Record<string, string[]> = {
  App: ['Button'],
  AutoComplete: ['Select'],
  Card: ['Skeleton'],
  DatePicker: ['Button', 'Tag'],
  Dropdown: ['Menu'],
  Form: ['Row', 'Col', 'Tooltip'],
  List: ['Spin', 'Empty', 'Pagination'],
  Modal: ['Button'],
  Pagination: ['Select'],
  Popconfirm: ['Popover', 'Button'],
  Select: ['Empty'],
  Table: ['Pagination', 'Spin', 'Empty', 'Checkbox', 'Radio', 'Dropdown', 'Tooltip'],
  Upload: ['Progress', 'Tooltip', 'Button'],
};

/**
 * Shown only in dialogs, drawers and the administration and tracking pages: their styles are made
 * when first shown rather than parsed on every page's first load (the file stays about half as big).
 */
const ON_DEMAND = new Set([
  'Descriptions',
  'Drawer',
  'InputNumber',
  'Modal',
  'Progress',
  'Radio',
  'Steps',
  'Switch',
  'Tabs',
  'Timeline',
  'Upload',
]);

/**
 * The antd components imported (`import { … } from 'antd'`) by the sources under `dir`, with their
 * parts, less those shown on demand.
 */
export function antdComponentsUsed(dir: string): string[] {
  const found = new Set<string>();
  const scan = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) scan(p);
      else if (/\.tsx?$/.test(e.name))
        for (const m of readFileSync(p, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'antd'/g))
          for (const name of m[1].split(',').map((s) => s.trim().split(/\s+as\s+/)[0]))
            if (/^[A-Z]/.test(name)) found.add(name);
    }
  };
  scan(dir);
  for (const name of [...found]) for (const part of PARTS[name] ?? []) found.add(part);
  return [...found].filter((name) => !ON_DEMAND.has(name)).sort();
}

/** The CSS of `components` with the app's theme, and antd's map of the styles it holds. */
export function antdStaticCss(components: string[]): string {
  const antd = require('antd') as Record<string, AnyComponent> & {
    theme: Parameters<typeof themeConfig>[0];
  };
  const React = require('react') as typeof import('react');
  const { renderToString } = require('react-dom/server') as typeof import('react-dom/server');
  const cssinjs = require('@ant-design/cssinjs') as typeof import('@ant-design/cssinjs');
  const h = React.createElement;
  const sub = (c: AnyComponent, name: string) => c[name] as AnyComponent;

  const nodes: ReactNode[] = [];
  for (const name of components.filter((c) => c in antd && c !== 'ConfigProvider')) {
    const Comp = antd[name];
    if (name === 'Affix' || name === 'Dropdown') nodes.push(h(Comp, { menu: { items: [] } }, h('span')));
    else if (name === 'Form') nodes.push(h(Comp, null, h(sub(Comp, 'Item'), { label: 'x' })));
    else if (name === 'Layout')
      nodes.push(h(Comp, null, h(sub(Comp, 'Sider')), h(sub(Comp, 'Header')), h(sub(Comp, 'Content'))));
    else if (name === 'Typography')
      nodes.push(h(Comp, null, h(sub(Comp, 'Title')), h(sub(Comp, 'Text')), h(sub(Comp, 'Paragraph'))));
    else if (name === 'Space')
      nodes.push(h(Comp), h(sub(Comp, 'Compact'), null, h(antd.Button), h(antd.Input)));
    else if (name === 'Input')
      nodes.push(h(Comp), h(sub(Comp, 'Search')), h(sub(Comp, 'TextArea')), h(sub(Comp, 'Password')));
    else if (name === 'Table')
      nodes.push(h(Comp, { columns: [{ title: 'x', dataIndex: 'x' }], dataSource: [{ key: 1, x: 1 }] }));
    else if (name === 'List')
      nodes.push(h(Comp, { dataSource: [1], renderItem: () => h(sub(Comp, 'Item')) }));
    else nodes.push(h(Comp));
  }

  const cache = cssinjs.createCache();
  const theme = themeConfig(antd.theme);
  for (const node of nodes) {
    try {
      renderToString(
        h(cssinjs.StyleProvider, { cache }, h(antd.ConfigProvider, { theme }, h(antd.App, null, node))),
      );
    } catch {
      // A component that cannot render bare: its styles are made at run time, as before.
    }
  }
  return cssinjs.extractStyle(cache, true);
}
