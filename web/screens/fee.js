// The contribution calculator (GET /api/v1/fee): a person or a household, a payment day and a
// period → the amount per member and in total, the state's and the province's support, the
// base salary of each month, and the card's validity dates; exportable to XLSX.
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { count, dateVn, parseDate, esc } from '../format.js';
import { state, go, showError } from '../app.js';

const FIELDS = ['kind', 'date', 'months', 'group', 'object', 'salary', 'grade', 'members', 'supported', 'province', 'previous_card_to'];

function dong(v) { return v === null || v === undefined ? '—' : `${count(v)} đ`; }
function bp(v) { return `${(v / 100).toLocaleString(lang() === 'vi' ? 'vi-VN' : 'en-GB')} %`; }

export async function renderFee(main, params) {
  const p = { kind: 'person', months: '12', date: state.config.default_as_of, ...params };
  const household = p.kind === 'household';
  const opt = (v, label, cur) => `<option value="${v}" ${String(cur) === String(v) ? 'selected' : ''}>${esc(label)}</option>`;
  main.innerHTML = `
    <h1>${esc(t('fee_title'))}</h1>
    <form id="fee-form" class="card form-grid">
      <label>${esc(t('fee_kind'))} <select name="kind" id="fee-kind">${opt('person', t('fee_person'), p.kind)}${opt('household', t('fee_household'), p.kind)}</select></label>
      <label>${esc(t('pay_date'))} <input name="date" id="fee-date" value="${dateVn(p.date)}" placeholder="dd/mm/yyyy" size="10" required></label>
      <label>${esc(t('months'))} <select name="months" id="fee-months">${[3, 6, 12].map((m) => opt(m, m, p.months)).join('')}</select></label>
      <label class="person-only">${esc(t('payer_group'))} <input name="group" type="number" min="1" max="5" value="${esc(p.group || '5')}"></label>
      <label class="person-only">${esc(t('object_code'))} <input name="object" id="fee-object" value="${esc(p.object || '')}" size="4" maxlength="2"></label>
      <label class="person-only">${esc(t('salary'))} <input name="salary" inputmode="numeric" value="${esc(p.salary || '')}"></label>
      <label class="person-only">${esc(t('grade'))} <input name="grade" type="number" min="0" max="12" value="${esc(p.grade || '')}"></label>
      <label class="household-only">${esc(t('members'))} <input name="members" id="fee-members" type="number" min="1" max="50" value="${esc(p.members || '1')}"></label>
      <label class="household-only">${esc(t('supported'))} <input name="supported" value="${esc(p.supported || '')}"></label>
      <label>${esc(t('province_code'))} <input name="province" value="${esc(p.province || '')}" size="3" maxlength="2"></label>
      <label>${esc(t('previous_card_to'))} <input name="previous_card_to" value="${p.previous_card_to ? dateVn(p.previous_card_to) : ''}" placeholder="dd/mm/yyyy" size="10"></label>
      <div><button type="submit" id="fee-compute">${esc(t('compute'))}</button></div>
    </form>
    <div id="fee-result"></div>`;
  const form = main.querySelector('#fee-form');
  const toggle = () => {
    const hh = form.kind.value === 'household';
    form.querySelectorAll('.person-only').forEach((el) => { el.hidden = hh; });
    form.querySelectorAll('.household-only').forEach((el) => { el.hidden = !hh; });
  };
  form.kind.addEventListener('change', toggle);
  toggle();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = {};
    for (const k of FIELDS) {
      const el = form.elements[k];
      if (!el || el.closest('[hidden]')) continue;
      let v = el.value.trim();
      if ((k === 'date' || k === 'previous_card_to') && v) {
        v = parseDate(v);
        if (!v) { el.setCustomValidity('dd/mm/yyyy'); el.reportValidity(); return; }
        el.setCustomValidity('');
      }
      if (v) q[k] = v;
    }
    go('#/fee' + api.qs(q));
  });
  if (!params.date) return;  // nothing asked yet
  const q = {};
  for (const k of FIELDS) if (p[k] !== undefined && p[k] !== '') q[k] = p[k];
  if (household) { delete q.group; delete q.object; delete q.salary; delete q.grade; } else { delete q.members; delete q.supported; }
  const out = main.querySelector('#fee-result');
  let r;
  try { r = await api.get('/fee', { ...q, lang: lang() }); } catch (e) { showError(out, e); return; }
  const first = (m) => (m.monthly.length ? m.monthly[0] : null);
  out.innerHTML = `
    <section class="card">
      <div class="card-head"><h2>${esc(t('payable'))}: <b id="fee-total">${dong(r.totals.payable)}</b></h2>
        <a class="button" id="fee-xlsx" href="${api.href('/fee/export.xlsx', { ...q, lang: lang() })}" download>${esc(t('export_xlsx'))}</a></div>
      <p id="fee-card">${esc(t('card_valid'))}: <b>${dateVn(r.card.from)} – ${dateVn(r.card.to)}</b> <span class="muted">(${esc(r.card.rule)})</span></p>
      <table class="data" id="fee-table"><thead><tr><th>${esc(t('member'))}</th><th class="num">${esc(t('order'))}</th><th class="num">${esc(t('share'))}</th>
        <th class="num">${esc(t('per_month'))}</th><th class="num">${esc(t('full_amount'))}</th><th class="num">${esc(t('state_support'))}</th>
        <th class="num">${esc(t('province_support'))}</th><th class="num">${esc(t('payable'))}</th></tr></thead>
      <tbody>${r.members.map((m) => `<tr><td>${esc(m.label)}</td><td class="num">${m.order || '—'}</td><td class="num">${bp(m.share_bp)}</td>
        <td class="num">${dong(first(m))}</td><td class="num">${dong(m.full)}</td><td class="num">${dong(m.state)}</td><td class="num">${dong(m.province)}</td>
        <td class="num">${dong(m.payable)}</td></tr>`).join('')}</tbody>
      <tfoot><tr><td><b>${esc(t('total'))}</b></td><td></td><td></td><td></td><td class="num">${dong(r.totals.full)}</td><td class="num">${dong(r.totals.state)}</td>
        <td class="num">${dong(r.totals.province)}</td><td class="num"><b>${dong(r.totals.payable)}</b></td></tr></tfoot></table>
    </section>
    <section class="card"><h2>${esc(t('base_salary'))}</h2>
      <table class="data compact" id="fee-months-table"><thead><tr><th>${esc(t('month'))}</th><th class="num">${esc(t('base_salary'))}</th></tr></thead>
      <tbody>${r.month_prices.map((m) => `<tr><td>${dateVn(m.month).slice(3)}</td><td class="num">${dong(m.base_salary)}</td></tr>`).join('')}</tbody></table>
    </section>`;
}
