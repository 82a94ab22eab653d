import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { preloadRoute } from './preload';
// antd's styles for the app's theme, made at build time (vite.config.mts), then the app's own.
import 'virtual:antd-static.css';
import './styles.css';

// Already done by boot.ts in a build; under the dev server (one entry) it happens here.
preloadRoute(window.location.pathname, window.location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
