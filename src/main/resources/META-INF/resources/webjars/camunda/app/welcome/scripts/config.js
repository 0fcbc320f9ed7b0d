// Jurist's configuration of this Camunda webapp (it replaces the webapp's default config.js, which sets
// nothing here).
// People log in once, at Jurist's /login; the script below takes the webapp's own login page there.
export default {
  customScripts: ['../../../web/camunda-login']
};
