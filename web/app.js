// The single-page shell: session, language switch, navigation and hash routes
// (#/overview?unit=95&as_of=2021-11-10, #/people?q=…, #/person/0123456789, #/import, #/audit,
// #/fee?kind=household&date=2024-05-15&months=12&members=5).
import * as api from './api.js';
import { t, lang, setLang } from './i18n.js';
import { esc } from './format.js';
import { renderLogin } from './screens/login.js';
import { renderOverview } from './screens/overview.js';
import { renderPeople, renderPerson } from './screens/people.js';
import { renderImport } from './screens/import.js';
import { renderAudit } from './screens/audit.js';
import { renderFee } from './screens/fee.js';
import { renderWeekly, weeklyLabel } from './screens/weekly.js';
import { renderOutreach } from './screens/outreach.js';

export const state = { me: null, config: null };

export function go(hash) { if (location.hash === hash) route(); else location.hash = hash; }

export function showError(el, e) {
  const title = e.status === 403 ? t('denied') : t('error');
  el.innerHTML = `<div class="error" role="alert" data-code="${esc(e.code || '')}"><b>${esc(title)}${e.status ? ' (' + e.status + ')' : ''}:</b> ${esc(e.message)}</div>`;
}

function renderChrome() {
  const nav = document.getElementById('nav');
  const me = state.me;
  document.getElementById('lang').textContent = lang() === 'vi' ? 'EN' : 'VI';
  const logout = document.getElementById('logout');
  logout.textContent = t('logout');
  logout.hidden = !me;
  document.getElementById('who').textContent = me ? `${me.user.display_name} · ${me.user.role_name}` : '';
  if (!me) { nav.innerHTML = ''; return; }
  const links = [['#/overview', t('overview')], ['#/weekly', weeklyLabel()]];
  if (me.may_see_personal_data) links.push(['#/people', t('people')]);
  if (me.may_see_personal_data) links.push(['#/outreach', t('outreach')]);
  if (me.may_import || me.may_import_lists) links.push(['#/import', t('import')]);
  links.push(['#/fee', t('fee')]);
  if (me.is_administrator) links.push(['#/audit', t('audit')]);
  const cur = location.hash.split('?')[0];
  nav.innerHTML = links.map(([h, label]) => `<a href="${h}" class="${cur.startsWith(h) ? 'active' : ''}">${esc(label)}</a>`).join('');
}

let renderGen = 0;  // a newer route makes an older one's late failures moot

async function route() {
  const gen = ++renderGen;
  // Each route draws into a fresh <main>: a slower screen still awaiting its data (the overview's
  // report) then writes into the detached one instead of over the screen asked for since.
  const old = document.getElementById('main');
  const main = old.cloneNode(false);
  old.replaceWith(main);
  const [path, query] = (location.hash.slice(1) || '/overview').split('?');
  const params = Object.fromEntries(new URLSearchParams(query || ''));
  renderChrome();
  if (!state.me) return renderLogin(main, async (me) => { state.me = me; api.setCsrf(me.csrf_token); route(); });
  try {
    if (path.startsWith('/person/')) return await renderPerson(main, path.slice(8), params);
    if (path === '/people') return await renderPeople(main, params);
    if (path === '/import') return await renderImport(main, params);
    if (path === '/audit') return await renderAudit(main, params);
    if (path === '/fee') return await renderFee(main, params);
    if (path === '/weekly') return await renderWeekly(main, params, state.me.user.units?.[0]);
    if (path === '/outreach') return await renderOutreach(main, params);
    return await renderOverview(main, params);
  } catch (e) {
    if (gen !== renderGen) return;
    if (e.status === 401) { state.me = null; return route(); }
    showError(main, e);
  }
}

async function start() {
  setLang(lang());
  document.getElementById('lang').addEventListener('click', () => { setLang(lang() === 'vi' ? 'en' : 'vi'); route(); });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api.post('/auth/logout'); } catch { /* already out */ }
    state.me = null; api.setCsrf(''); go('#/overview');
  });
  state.config = await api.get('/config');
  try { state.me = await api.get('/auth/me'); api.setCsrf(state.me.csrf_token); } catch { state.me = null; }
  window.addEventListener('hashchange', route);
  route();
}

start();
