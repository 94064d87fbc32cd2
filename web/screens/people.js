// Person lookup (BHXH number, CCCD or name) and one person's card history. Every view is
// recorded in the audit log by the server.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { dateVn, esc } from '../format.js';
import { state, go } from '../app.js';

export async function renderPeople(main, params) {
  const asOf = params.as_of || state.config.default_as_of;
  main.innerHTML = `
    <h1>${esc(t('people'))}</h1>
    <form id="people-form" class="card inline">
      <input id="people-q" name="q" size="60" value="${esc(params.q || '')}" placeholder="${esc(t('search_people'))}" autofocus>
      <button type="submit">${esc(t('search'))}</button>
    </form>
    <section id="people-results"></section>`;
  main.querySelector('#people-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    go(`#/people?q=${encodeURIComponent(main.querySelector('#people-q').value.trim())}&as_of=${asOf}`);
  });
  if (!params.q) return;
  const out = main.querySelector('#people-results');
  const r = await api.get('/people', { q: params.q, as_of: asOf });
  if (r.kind !== 'name' && r.people.length === 1) return go(`#/person/${r.people[0].bhxh}?as_of=${asOf}`);
  out.innerHTML = `<div class="card"><div class="card-head"><h2>${esc(t('results'))} (${r.people.length})</h2>
      <a class="button" href="${api.href('/people/export.xlsx', { q: params.q, as_of: asOf })}" download>${esc(t('export_xlsx'))}</a></div>
    ${r.people.length ? `<table class="data" id="people-table"><thead><tr><th>${esc(t('bhxh'))}</th><th>${esc(t('name'))}</th><th>${esc(t('birth'))}</th><th>${esc(t('commune'))}</th><th>${esc(t('status'))}</th></tr></thead><tbody>
      ${r.people.map((p) => `<tr><td><a href="#/person/${p.bhxh}?as_of=${asOf}">${p.bhxh}</a></td><td>${esc(p.full_name)}</td><td>${dateVn(p.birth_date)}</td><td>${esc(p.commune_name)}</td>
        <td>${p.insured_on_as_of ? `<span class="badge ok">${esc(t('insured_yes'))}</span>` : `<span class="badge low">${esc(t('insured_no'))}</span>`}</td></tr>`).join('')}
      </tbody></table>` : `<p class="muted">${esc(t('none_found'))}</p>`}</div>`;
}

export async function renderPerson(main, bhxh, params) {
  const asOf = params.as_of || state.config.default_as_of;
  const r = await api.get('/people/' + encodeURIComponent(bhxh), { as_of: asOf });
  const p = r.person;
  main.innerHTML = `
    <p><a href="#/people">← ${esc(t('back'))}</a></p>
    <h1 id="person-name">${esc(p.full_name)}</h1>
    <section class="card">
      <div class="card-head"><h2>${esc(t('as_of'))} ${dateVn(asOf)}: ${p.insured_on_as_of ? `<span class="badge ok">${esc(t('insured_yes'))}</span>` : `<span class="badge low">${esc(t('insured_no'))}</span>`}</h2>
        <a class="button" id="person-export" href="${api.href('/people/' + p.bhxh + '/export.xlsx', { as_of: asOf })}" download>${esc(t('export_xlsx'))}</a></div>
      <dl class="facts">
        <dt>${esc(t('bhxh'))}</dt><dd>${p.bhxh}</dd>
        <dt>${esc(t('cccd'))}</dt><dd>${esc(p.citizen_id || '—')}</dd>
        <dt>${esc(t('birth'))}</dt><dd>${dateVn(p.birth_date)}</dd>
        <dt>${esc(t('commune'))}</dt><dd>${esc(p.commune_name)} (${esc(p.commune_code)})${p.hamlet_name ? ' · ' + esc(p.hamlet_name) : ''}</dd>
        <dt>${esc(t('household'))}</dt><dd>${esc(p.household_code || '—')}</dd>
      </dl>
    </section>
    <section class="card"><h2>${esc(t('cards'))}</h2>
      <table class="data" id="cards-table"><thead><tr><th>${esc(t('card_code'))}</th><th>${esc(t('object'))}</th><th>${esc(t('group'))}</th><th>${esc(t('from'))}</th><th>${esc(t('to'))}</th><th>${esc(t('valid'))}</th></tr></thead><tbody>
      ${p.cards.map((c) => `<tr class="${c.valid_on_as_of ? 'current' : ''}"><td>${esc(c.card_code)}</td><td>${esc(c.object_code)}</td><td>${esc(c.group_name)}</td><td>${dateVn(c.valid_from)}</td><td>${dateVn(c.valid_to)}</td><td>${c.valid_on_as_of ? esc(t('yes')) : esc(t('no'))}</td></tr>`).join('')}
      </tbody></table></section>`;
}
