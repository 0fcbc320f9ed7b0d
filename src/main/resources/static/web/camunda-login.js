// People log in once, at Jurist's /login: Camunda's own login form is refused (it would bypass the login
// throttle). When a Camunda webapp shows its login page (after "Sign out" there, or when the session has
// ended), this sends the browser to Jurist's login instead. Loaded by each webapp's scripts/config.js.
const KEY = 'jurist.camunda-login';
let leaving = false;

function toJuristLogin() {
  if (leaving || !window.location.hash.startsWith('#/login')) {
    return;
  }
  // The webapp may change its route more than once on the way out: go once.
  leaving = true;
  const path = window.location.pathname;
  const root = path.substring(0, path.indexOf('/camunda/'));
  const last = Number(window.sessionStorage.getItem(KEY) || 0);
  window.sessionStorage.setItem(KEY, String(Date.now()));
  // The webapp's page without its route makes the server ask for a login and come back here after it. Should
  // the webapp show its own login page again straight after, go to Jurist's login page itself (no loop).
  window.location.replace(Date.now() - last < 15000 ? root + '/login' : path);
}

window.addEventListener('hashchange', toJuristLogin);
toJuristLogin();
