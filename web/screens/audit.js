// Administrators: the audit log of personal-data views and exports, and the users.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { esc } from '../format.js';

export async function renderAudit(main) {
  const [log, users] = await Promise.all([api.get('/audit', { limit: 200 }), api.get('/users')]);
  const when = (iso) => { const d = new Date(iso); return d.toLocaleString('vi-VN', { hour12: false }); };
  main.innerHTML = `
    <h1>${esc(t('audit'))}</h1>
    <section class="card"><table class="data compact" id="audit-table"><thead><tr><th>${esc(t('when'))}</th><th>${esc(t('who'))}</th><th>${esc(t('action'))}</th><th>${esc(t('unit'))}</th><th>${esc(t('subject'))}</th><th>${esc(t('ip'))}</th></tr></thead><tbody>
    ${log.entries.map((e) => `<tr><td>${esc(when(e.at))}</td><td>${esc(e.username)}</td><td>${esc(e.action)}</td><td>${esc(e.unit_code)}</td><td>${esc(e.subject)}</td><td>${esc(e.client_ip)}</td></tr>`).join('')}
    </tbody></table></section>
    <section class="card"><h2>${esc(t('users'))}</h2><table class="data compact"><thead><tr><th>${esc(t('username'))}</th><th>${esc(t('name'))}</th><th>${esc(t('role'))}</th><th>${esc(t('units'))}</th></tr></thead><tbody>
    ${users.users.map((u) => `<tr><td>${esc(u.username)}</td><td>${esc(u.display_name)}</td><td>${esc(u.role_name)}</td><td>${esc(u.units.join(', ') || 'VN')}</td></tr>`).join('')}
    </tbody></table></section>`;
}
