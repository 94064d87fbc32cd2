// Outreach lists: the people to reach in a unit on a date (expired, expiring, households,
// pupils, beneficiaries, members, matches to confirm), with the summary per school / class /
// organisation / type / household, the assignee of each entry, outcomes, assignment by rule and
// the conversion per assignee. The server scopes, masks and audits (docs/api.md).
import * as api from '../api.js';
import { lang } from '../i18n.js';
import { count, dateVn, esc, parseDate } from '../format.js';
import { state, go, showError } from '../app.js';

const L = {
  vi: {
    title: 'Danh sách cần vận động', kind: 'Danh sách', unit: 'Mã đơn vị', as_of: 'Ngày', show: 'Xem',
    kinds: { expired: 'Thẻ hết hạn, chưa gia hạn', expiring: 'Thẻ sắp hết hạn (30 ngày)', households: 'Hộ chưa tham gia đủ',
      pupils: 'Học sinh theo trường, lớp', beneficiaries: 'Đối tượng bảo trợ chưa có thẻ', members: 'Hội viên, đoàn viên chưa có thẻ',
      matches: 'Đối chiếu cần xác nhận' },
    code: 'Mã', name: 'Tên', class: 'Lớp', listed: 'Trên danh sách', insured: 'Có thẻ', other: 'Qua nhóm khác',
    missing: 'Chưa có thẻ', uncertain: 'Cần xác nhận', rate: 'Tỷ lệ', cost: 'Chi phí theo hộ (đồng)',
    bhxh: 'Mã số BHXH', person: 'Họ và tên', birth: 'Ngày sinh', cccd: 'Số CCCD', phone: 'Điện thoại', status: 'Tình trạng',
    card_end: 'Hết hạn', card_group: 'Nhóm thẻ', matched_by: 'Đối chiếu', assignee: 'Người phụ trách', doubt: 'Lý do',
    outcome: 'Kết quả', record: 'Ghi', export: 'Xuất Excel', assign_rule: 'Giao theo quy tắc', assign: 'Giao',
    rules: { class: 'Lớp → giáo viên chủ nhiệm', hamlet: 'Thôn → cán bộ thôn', organisation: 'Tổ chức → người phụ trách' },
    outcomes: { contacted: 'Đã liên hệ', promised: 'Hứa tham gia', enrolled: 'Đã tham gia', refused: 'Từ chối',
      moved: 'Đã chuyển đi', deceased: 'Đã mất', 'wrong-data': 'Sai thông tin' },
    progress: 'Kết quả vận động theo người phụ trách', assigned: 'Được giao', left: 'Loại ra', enrolled: 'Đã tham gia',
    open: 'Đang vận động', conversion: 'Tỷ lệ thành công', total: 'Tổng', none: 'Không có ai trong danh sách.',
    assigned_msg: (r) => `Đã giao ${r.assigned} mục; ${r.already} mục đã giao trước; ${r.without_responsible} mục chưa có người phụ trách.`,
    recorded: 'Đã ghi kết quả.', note: 'Ghi chú',
  },
  en: {
    title: 'Outreach lists', kind: 'List', unit: 'Unit code', as_of: 'Date', show: 'Show',
    kinds: { expired: 'Expired, not renewed', expiring: 'Expiring (30 days)', households: 'Households partly insured',
      pupils: 'Pupils by school and class', beneficiaries: 'Beneficiaries without a card', members: 'Members without a card',
      matches: 'Matches to confirm' },
    code: 'Code', name: 'Name', class: 'Class', listed: 'Listed', insured: 'Insured', other: 'Through other groups',
    missing: 'Without a card', uncertain: 'To confirm', rate: 'Rate', cost: 'Household group cost (đồng)',
    bhxh: 'BHXH number', person: 'Full name', birth: 'Birth date', cccd: 'CCCD', phone: 'Phone', status: 'Status',
    card_end: 'Card ends', card_group: 'Card group', matched_by: 'Matched by', assignee: 'Assigned to', doubt: 'Why',
    outcome: 'Outcome', record: 'Record', export: 'Export Excel', assign_rule: 'Assign by rule', assign: 'Assign',
    rules: { class: 'Class → teacher', hamlet: 'Hamlet → officer', organisation: 'Organisation → officer' },
    outcomes: { contacted: 'Contacted', promised: 'Promised', enrolled: 'Enrolled', refused: 'Refused',
      moved: 'Moved away', deceased: 'Deceased', 'wrong-data': 'Wrong data' },
    progress: 'Conversion per assignee', assigned: 'Assigned', left: 'Left', enrolled: 'Enrolled',
    open: 'Open', conversion: 'Conversion', total: 'Total', none: 'Nobody on this list.',
    assigned_msg: (r) => `Assigned ${r.assigned}; ${r.already} assigned before; ${r.without_responsible} without a responsible person.`,
    recorded: 'Outcome recorded.', note: 'Note',
  },
};
const tr = () => L[lang()] || L.vi;
const KINDS = ['expired', 'expiring', 'households', 'pupils', 'beneficiaries', 'members', 'matches'];
const rate = (r) => (r === null || r === undefined ? '—' : (lang() === 'vi' ? r.replace('.', ',') : r) + ' %');

function sectionsTable(x, list) {
  if (!list.sections.length) return '';
  const pupils = list.kind === 'pupils', hh = list.kind === 'households';
  return `<table class="data" id="outreach-sections"><thead><tr><th>${esc(x.code)}</th>${hh ? '' : `<th>${esc(x.name)}</th>`}${pupils ? `<th>${esc(x.class)}</th>` : ''}
    <th>${esc(x.listed)}</th><th>${esc(x.insured)}</th>${pupils ? `<th>${esc(x.other)}</th>` : ''}<th>${esc(x.missing)}</th>${hh ? '' : `<th>${esc(x.uncertain)}</th>`}<th>${esc(x.rate)}</th>${hh ? `<th>${esc(x.cost)}</th>` : ''}</tr></thead><tbody>
    ${list.sections.map((s) => `<tr><td>${esc(s.group_code)}</td>${hh ? '' : `<td>${esc(s.group_name)}</td>`}${pupils ? `<td>${esc(s.class || '∑')}</td>` : ''}
      <td class="num">${count(s.listed)}</td><td class="num">${count(s.insured)}</td>${pupils ? `<td class="num">${count(s.other_group)}</td>` : ''}<td class="num">${count(s.missing)}</td>${hh ? '' : `<td class="num">${count(s.uncertain)}</td>`}<td class="num">${rate(s.rate)}</td>${hh ? `<td class="num">${count(s.cost)}</td>` : ''}</tr>`).join('')}
    </tbody></table>`;
}

function entriesTable(x, list, mayRecord) {
  if (!list.entries.length) return `<p class="muted" id="outreach-empty">${esc(x.none)}</p>`;
  const k = list.kind;
  const status = (e) => (lang() === 'vi' ? e.status_name : e.status_name_en);
  const outcomeCell = (e) => (mayRecord && e.assignee ? `<select data-entry="${esc(e.entry)}" class="outcome">${Object.entries(x.outcomes).map(([v, n]) => `<option value="${v}">${esc(n)}</option>`).join('')}</select> <button class="record" data-entry="${esc(e.entry)}">${esc(x.record)}</button>` : '');
  return `<table class="data" id="outreach-entries"><thead><tr>
      ${k === 'households' ? `<th>${esc(x.code)}</th>` : ['expired', 'expiring'].includes(k) ? '' : `<th>${esc(x.code)}</th>`}${k === 'pupils' || k === 'matches' ? `<th>${esc(x.class)}</th>` : ''}
      <th>${esc(x.bhxh)}</th><th>${esc(x.person)}</th><th>${esc(x.birth)}</th><th>${esc(x.cccd)}</th><th>${esc(x.phone)}</th>
      <th>${esc(k === 'matches' ? x.doubt : ['expired', 'expiring'].includes(k) ? x.card_end : k === 'households' ? x.cost : x.status)}</th>
      <th>${esc(x.assignee)}</th><th>${esc(x.outcome)}</th></tr></thead><tbody>
    ${list.entries.map((e) => `<tr data-entry="${esc(e.entry)}">
      ${['expired', 'expiring'].includes(k) ? '' : `<td>${esc(k === 'households' ? e.household_code : e.group_code)}</td>`}${k === 'pupils' || k === 'matches' ? `<td>${esc(e.class)}</td>` : ''}
      <td>${esc(e.bhxh)}</td><td>${esc(e.full_name)}</td><td>${dateVn(e.birth_date)}</td><td>${esc(e.citizen_id)}</td><td>${esc(e.phone)}</td>
      <td>${k === 'matches' ? esc(e.doubt) : ['expired', 'expiring'].includes(k) ? dateVn(e.card_end) + ' · ' + esc(e.card_group) : k === 'households' ? count(e.cost) : esc(status(e)) + (e.card_group ? ' · ' + esc(e.card_group) : '')}</td>
      <td class="assignee">${esc(e.assignee)}</td><td>${outcomeCell(e)}</td></tr>`).join('')}
    </tbody></table>`;
}

async function renderProgress(el, x, unit, asOf) {
  const p = await api.get('/outreach/progress', { unit, as_of: asOf });
  const row = (c, total) => `<tr><td>${esc(total ? x.total : c.key)}</td><td class="num">${count(c.assigned)}</td><td class="num">${count(c.left)}</td><td class="num">${count(c.enrolled)}</td><td class="num">${count(c.open)}</td><td class="num">${rate(c.rate)}</td></tr>`;
  el.innerHTML = `<div class="card"><h2>${esc(x.progress)}</h2><table class="data" id="outreach-progress"><thead><tr><th>${esc(x.assignee)}</th><th>${esc(x.assigned)}</th><th>${esc(x.left)}</th><th>${esc(x.enrolled)}</th><th>${esc(x.open)}</th><th>${esc(x.conversion)}</th></tr></thead><tbody>
    ${p.by_assignee.map((c) => row(c, false)).join('')}${row(p.total, true)}</tbody></table></div>`;
}

export async function renderOutreach(main, params) {
  const x = tr();
  const me = state.me;
  const role = me.user.role;
  const kind = KINDS.includes(params.kind) ? params.kind : role === 'school' ? 'pupils' : role === 'organisation' ? 'members' : 'expired';
  const unit = params.unit || (me.user.units && me.user.units[0]) || 'VN';
  const asOf = params.as_of || state.config.default_as_of;
  const mayAssign = ['administrator', 'province', 'commune'].includes(role);
  main.innerHTML = `
    <h1>${esc(x.title)}</h1>
    <form id="outreach-form" class="card inline">
      <label>${esc(x.kind)} <select id="outreach-kind">${KINDS.map((k) => `<option value="${k}" ${k === kind ? 'selected' : ''}>${esc(x.kinds[k])}</option>`).join('')}</select></label>
      <label>${esc(x.unit)} <input id="outreach-unit" size="10" value="${esc(unit)}"></label>
      <label>${esc(x.as_of)} <input id="outreach-date" size="10" value="${dateVn(asOf)}"></label>
      <button type="submit">${esc(x.show)}</button>
    </form>
    <section id="outreach-msg"></section>
    <section class="card" id="outreach-list"></section>
    <section id="outreach-progress-card"></section>`;
  main.querySelector('#outreach-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const d = parseDate(main.querySelector('#outreach-date').value) || asOf;
    go(`#/outreach?kind=${main.querySelector('#outreach-kind').value}&unit=${encodeURIComponent(main.querySelector('#outreach-unit').value.trim())}&as_of=${d}`);
  });
  const list = await api.get('/lists/' + kind, { unit, as_of: asOf });
  const el = main.querySelector('#outreach-list');
  el.innerHTML = `<div class="card-head"><h2 id="outreach-headline">${esc(lang() === 'vi' ? list.headline : list.headline_en)}</h2>
      <a class="button" id="outreach-export" href="${api.href('/lists/' + kind + '/export.xlsx', { unit, as_of: asOf, lang: lang() })}" download>${esc(x.export)}</a></div>
    ${mayAssign && kind !== 'matches' ? `<form id="outreach-assign" class="inline"><label>${esc(x.assign_rule)} <select id="outreach-rule">${Object.entries(x.rules).map(([v, n]) => `<option value="${v}">${esc(n)}</option>`).join('')}</select></label> <button type="submit">${esc(x.assign)}</button></form>` : ''}
    ${sectionsTable(x, list)}${entriesTable(x, list, kind !== 'matches')}`;
  const msg = main.querySelector('#outreach-msg');
  const assign = el.querySelector('#outreach-assign');
  if (assign) assign.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const r = await api.post('/outreach/assign', { list: kind, unit, as_of: asOf, rule: el.querySelector('#outreach-rule').value });
      msg.innerHTML = `<div class="card ok" id="outreach-assigned">${esc(x.assigned_msg(r))}</div>`;
      await renderOutreach(main, params);
      main.querySelector('#outreach-msg').innerHTML = `<div class="card ok" id="outreach-assigned">${esc(x.assigned_msg(r))}</div>`;
    } catch (e) { showError(msg, e); }
  });
  el.querySelectorAll('button.record').forEach((b) => b.addEventListener('click', async () => {
    const entry = b.dataset.entry;
    const sel = [...el.querySelectorAll('select.outcome')].find((s) => s.dataset.entry === entry);
    try {
      await api.post('/outreach/outcome', { list: kind, entry, outcome: sel.value, date: asOf, note: '' });
      msg.innerHTML = `<div class="card ok" id="outreach-recorded">${esc(x.recorded)}</div>`;
      await renderProgress(main.querySelector('#outreach-progress-card'), x, unit, asOf);
    } catch (e) { showError(msg, e); }
  }));
  await renderProgress(main.querySelector('#outreach-progress-card'), x, unit, asOf);
}
