const { stopHub, cleanUp } = require('./hub-process');

module.exports = async () => {
  const hub = globalThis.__HUB__;
  if (!hub) return;
  await stopHub(hub);
  await cleanUp(hub.env);
};
