import { preloadRoute } from './preload';

// The first script the page runs (its own entry, before the app's): the page's code and its first
// API calls start loading now, while the browser still parses and runs the large library file.
preloadRoute(window.location.pathname, window.location.search);
