// Jurist's configuration of this Camunda webapp (it replaces the webapp's default config.js, which sets
// nothing else here but Tasklist's keyboard shortcuts, kept below where they apply).
// People log in once, at Jurist's /login; the script below takes the webapp's own login page there.
export default {
  customScripts: ['../../../web/camunda-login'],
  shortcuts: {
    claimTask: { key: 'ctrl+alt+c', description: 'claims the currently selected task' },
    focusFilter: { key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list' },
    focusList: { key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list' },
    focusForm: { key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form' },
    startProcess: { key: 'ctrl+alt+p', description: 'opens the start process modal dialog' }
  }
};
