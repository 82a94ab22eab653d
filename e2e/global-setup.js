// Starts the built hub once for the end-to-end tier (tools/test.sh builds it first).
const { startHub } = require('./hub-process');

module.exports = async () => {
  const hub = await startHub('e2e', Number(process.env.E2E_HTTP_PORT || 18080));
  globalThis.__HUB__ = hub;
  process.env.E2E_HUB_URL = hub.url;
  process.env.E2E_TOPIC_PREFIX = hub.env.HUB_TOPIC_PREFIX;
  process.env.E2E_INDEX_PREFIX = hub.env.SEARCH_INDEX_PREFIX;
  process.env.E2E_HUB_ENV = JSON.stringify(hub.env);
};
