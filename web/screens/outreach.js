// Outreach lists: the people to reach in a unit on a date (expired, expiring, households,
// pupils, beneficiaries, members, matches to confirm), with the summary per school / class /
// organisation / type / household, the assignee of each entry, assignment one by one or by rule,
// outcomes with their date and note, decisions on uncertain matches, and the conversion per
// assignee with each entry's last outcome. The server scopes, masks and audits (docs/api.md).
import * as api from '../api.js';
import { lang } from '../i18n.js';
import { count, dateVn, esc, parseDate } from '../format.js';
import { state, go, showError } from '../app.js';

const L = {
  vi: {
    title: 'Danh sách cần vận động', kind: 'Danh sách', unit: 'Mã đơn vị', as_of: 'Ngày', show: 'Xem',
    group: { pupils: 'Mã trường', beneficiaries: 'Loại đối tượng', members: 'Mã tổ chức' }, all: 'tất cả',
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
    recorded: 'Đã ghi kết quả.', note: 'Ghi chú', date: 'Ngày', on_day: 'ngày', give_to: 'Giao cho', assignee_name: 'Tên người được giao',
    assigned_one: (e, to) => `Đã giao ${e} cho ${to}.`, bad_date: 'Ngày không hợp lệ (dd/mm/yyyy).',
    this_person: 'Đúng người này', not_this: 'Không phải', decide: 'Xác nhận',
    confirmed: (b) => `Đã xác nhận người ${b}.`, rejected: (b) => `Đã loại người ${b}.`,
    entries_progress: 'Kết quả gần nhất của từng mục', list: 'Danh sách', last_outcome: 'Kết quả gần nhất', auto_enrolled: 'Đã có thẻ mới',
  },
  en: {
    title: 'Outreach lists', kind: 'List', unit: 'Unit code', as_of: 'Date', show: 'Show',
    group: { pupils: 'School code', beneficiaries: 'Beneficiary type', members: 'Organisation code' }, all: 'all',
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
    recorded: 'Outcome recorded.', note: 'Note', date: 'Date', on_day: 'on', give_to: 'Assign to', assignee_name: 'Name of the assignee',
    assigned_one: (e, to) => `Assigned ${e} to ${to}.`, bad_date: 'Invalid date (dd/mm/yyyy).',
    this_person: 'This person', not_this: 'Not this person', decide: 'Confirm',
    confirmed: (b) => `Confirmed ${b}.`, rejected: (b) => `Rejected ${b}.`,
    entries_progress: 'Last outcome of each entry', list: 'List', last_outcome: 'Last outcome', auto_enrolled: 'New card found',
  },
};
const tr = () => L[lang()] || L.vi;
const KINDS = ['expired', 'expiring', 'households', 'pupils', 'beneficiaries', 'members', 'matches'];
const rate = (r) => (r === null || r === undefined ? '—' : (lang() === 'vi' ? r.replace('.', ',') : r) + ' %');

function sectionsTable(x, list, at) {
  if (!list.sections.length) return '';
  // A school, a class, an organisation or a type opens the list of that one alone.
  const only = (s) => `#/outreach?kind=${list.kind}&unit=${encodeURIComponent(at.unit)}&as_of=${at.asOf}&group=${encodeURIComponent(s.group_code)}` +
    (s.class ? `&class=${encodeURIComponent(s.class)}` : '');
  const pupils = list.kind === 'pupils', hh = list.kind === 'households';
  return `<table class="data" id="outreach-sections"><thead><tr><th>${esc(x.code)}</th>${hh ? '' : `<th>${esc(x.name)}</th>`}${pupils ? `<th>${esc(x.class)}</th>` : ''}
    <th>${esc(x.listed)}</th><th>${esc(x.insured)}</th>${pupils ? `<th>${esc(x.other)}</th>` : ''}<th>${esc(x.missing)}</th>${hh ? '' : `<th>${esc(x.uncertain)}</th>`}<th>${esc(x.rate)}</th>${hh ? `<th>${esc(x.cost)}</th>` : ''}</tr></thead><tbody>
    ${list.sections.map((s) => `<tr><td>${hh ? esc(s.group_code) : `<a class="only" href="${only(s)}">${esc(s.group_code)}</a>`}</td>${hh ? '' : `<td>${esc(s.group_name)}</td>`}${pupils ? `<td>${s.class ? `<a class="only" href="${only(s)}">${esc(s.class)}</a>` : '∑'}</td>` : ''}
      <td class="num">${count(s.listed)}</td><td class="num">${count(s.insured)}</td>${pupils ? `<td class="num">${count(s.other_group)}</td>` : ''}<td class="num">${count(s.missing)}</td>${hh ? '' : `<td class="num">${count(s.uncertain)}</td>`}<td class="num">${rate(s.rate)}</td>${hh ? `<td class="num">${count(s.cost)}</td>` : ''}</tr>`).join('')}
    </tbody></table>`;
}

// `may`: record (outcomes of assigned entries), assign (one entry), decide (matches).
function entriesTable(x, list, may) {
  if (!list.entries.length) return `<p class="muted" id="outreach-empty">${esc(x.none)}</p>`;
  const k = list.kind;
  const status = (e) => (lang() === 'vi' ? e.status_name : e.status_name_en);
  const day = dateVn(list.as_of);
  const outcomeCell = (e) => (k === 'matches'
    ? (may.decide ? `<span class="inline"><button class="confirm" data-bhxh="${esc(e.bhxh)}">${esc(x.this_person)}</button> <button class="reject secondary" data-bhxh="${esc(e.bhxh)}">${esc(x.not_this)}</button></span>` : '')
    : may.record && e.assignee ? `<span class="inline"><select class="outcome" aria-label="${esc(x.outcome)}">${Object.entries(x.outcomes).map(([v, n]) => `<option value="${v}">${esc(n)}</option>`).join('')}</select>
        <input class="outcome-date" size="10" value="${day}" aria-label="${esc(x.date)}" title="${esc(x.date)}">
        <input class="outcome-note" size="16" placeholder="${esc(x.note)}" aria-label="${esc(x.note)}">
        <button class="record">${esc(x.record)}</button></span>` : '');
  const assignCell = () => `<span class="inline"><input class="assign-to" size="18" placeholder="${esc(x.assignee_name)}" aria-label="${esc(x.assignee_name)}"> <button class="assign-one secondary">${esc(x.assign)}</button></span>`;
  const assignCol = may.assign && k !== 'matches';
  return `<table class="data" id="outreach-entries"><thead><tr>
      ${k === 'households' ? `<th>${esc(x.code)}</th>` : ['expired', 'expiring'].includes(k) ? '' : `<th>${esc(x.code)}</th>`}${k === 'pupils' || k === 'matches' ? `<th>${esc(x.class)}</th>` : ''}
      <th>${esc(x.bhxh)}</th><th>${esc(x.person)}</th><th>${esc(x.birth)}</th><th>${esc(x.cccd)}</th><th>${esc(x.phone)}</th>
      <th>${esc(k === 'matches' ? x.doubt : ['expired', 'expiring'].includes(k) ? x.card_end : k === 'households' ? x.cost : x.status)}</th>
      <th>${esc(x.assignee)}</th>${assignCol ? `<th>${esc(x.give_to)}</th>` : ''}<th>${esc(k === 'matches' ? x.decide : x.outcome)}</th></tr></thead><tbody>
    ${list.entries.map((e) => `<tr data-entry="${esc(e.entry)}">
      ${['expired', 'expiring'].includes(k) ? '' : `<td>${esc(k === 'households' ? e.household_code : e.group_code)}</td>`}${k === 'pupils' || k === 'matches' ? `<td>${esc(e.class)}</td>` : ''}
      <td>${esc(e.bhxh)}</td><td>${esc(e.full_name)}</td><td>${dateVn(e.birth_date)}</td><td>${esc(e.citizen_id)}</td><td>${esc(e.phone)}</td>
      <td>${k === 'matches' ? esc(e.doubt) : ['expired', 'expiring'].includes(k) ? dateVn(e.card_end) + ' · ' + esc(e.card_group) : k === 'households' ? count(e.cost) : esc(status(e)) + (e.card_group ? ' · ' + esc(e.card_group) : '')}</td>
      <td class="assignee">${esc(e.assignee)}</td>${assignCol ? `<td>${assignCell()}</td>` : ''}<td>${outcomeCell(e)}</td></tr>`).join('')}
    </tbody></table>`;
}

async function renderProgress(el, x, unit, asOf) {
  const p = await api.get('/outreach/progress', { unit, as_of: asOf });
  const row = (c, total) => `<tr><td>${esc(total ? x.total : c.key)}</td><td class="num">${count(c.assigned)}</td><td class="num">${count(c.left)}</td><td class="num">${count(c.enrolled)}</td><td class="num">${count(c.open)}</td><td class="num">${rate(c.rate)}</td></tr>`;
  const outcome = (e) => (e.last_outcome ? x.outcomes[e.last_outcome] || e.last_outcome_name : e.auto_enrolled ? x.auto_enrolled : '—');
  const when = (e) => (e.last_outcome ? dateVn(e.last_date) : e.auto_enrolled ? dateVn(e.enrolled_on) : '—');
  const entries = p.entries.length ? `<h3>${esc(x.entries_progress)}</h3><table class="data compact" id="outreach-progress-entries"><thead><tr>
      <th>${esc(x.person)}</th><th>${esc(x.bhxh)}</th><th>${esc(x.list)}</th><th>${esc(x.assignee)}</th><th>${esc(x.last_outcome)}</th><th>${esc(x.date)}</th><th>${esc(x.note)}</th></tr></thead><tbody>
    ${p.entries.map((e) => `<tr data-entry="${esc(e.entry)}"><td>${esc(e.full_name)}</td><td>${esc(e.bhxh)}</td><td>${esc(x.kinds[e.list] || e.list)}</td><td>${esc(e.assignee)}</td>
      <td class="last-outcome">${esc(outcome(e))}</td><td class="last-date">${when(e)}</td><td class="last-note">${esc(e.note)}</td></tr>`).join('')}</tbody></table>` : '';
  el.innerHTML = `<div class="card"><h2 id="outreach-progress-title">${esc(x.progress)} — ${esc(x.on_day)} ${dateVn(asOf)}</h2><table class="data" id="outreach-progress"><thead><tr><th>${esc(x.assignee)}</th><th>${esc(x.assigned)}</th><th>${esc(x.left)}</th><th>${esc(x.enrolled)}</th><th>${esc(x.open)}</th><th>${esc(x.conversion)}</th></tr></thead><tbody>
    ${p.by_assignee.map((c) => row(c, false)).join('')}${row(p.total, true)}</tbody></table>${entries}</div>`;
}

export async function renderOutreach(main, params) {
  const x = tr();
  const me = state.me;
  const role = me.user.role;
  const kind = KINDS.includes(params.kind) ? params.kind : role === 'school' ? 'pupils' : role === 'organisation' ? 'members' : 'expired';
  const unit = params.unit || (me.user.units && me.user.units[0]) || 'VN';
  const asOf = parseDate(params.as_of) || state.config.default_as_of;
  // A school, an organisation or a beneficiary type (and a class of the school): the list of one.
  const group = params.group || '', cls = params.class || '';
  const filter = { unit, as_of: asOf, ...(group ? { group } : {}), ...(cls ? { class: cls } : {}) };
  const mayAssign = ['administrator', 'province', 'commune'].includes(role);
  main.innerHTML = `
    <h1>${esc(x.title)}</h1>
    <form id="outreach-form" class="card inline">
      <label>${esc(x.kind)} <select id="outreach-kind">${KINDS.map((k) => `<option value="${k}" ${k === kind ? 'selected' : ''}>${esc(x.kinds[k])}</option>`).join('')}</select></label>
      <label>${esc(x.unit)} <input id="outreach-unit" size="10" value="${esc(unit)}"></label>
      <label>${esc(x.as_of)} <input id="outreach-date" size="10" value="${dateVn(asOf)}"></label>
      ${x.group[kind] ? `<label>${esc(x.group[kind])} <input id="outreach-group" size="10" placeholder="${esc(x.all)}" value="${esc(group)}"></label>` : ''}
      ${kind === 'pupils' ? `<label>${esc(x.class)} <input id="outreach-class" size="5" placeholder="${esc(x.all)}" value="${esc(cls)}"></label>` : ''}
      <button type="submit">${esc(x.show)}</button>
    </form>
    <section id="outreach-msg"></section>
    <section class="card" id="outreach-list"></section>
    <section id="outreach-progress-card"></section>`;
  main.querySelector('#outreach-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const d = parseDate(main.querySelector('#outreach-date').value) || asOf;
    const k = main.querySelector('#outreach-kind').value;
    const g = k === kind ? (main.querySelector('#outreach-group')?.value || '').trim() : '';
    const c = k === 'pupils' && k === kind ? (main.querySelector('#outreach-class')?.value || '').trim() : '';
    go(`#/outreach?kind=${k}&unit=${encodeURIComponent(main.querySelector('#outreach-unit').value.trim())}&as_of=${d}` +
       (g ? `&group=${encodeURIComponent(g)}` : '') + (c ? `&class=${encodeURIComponent(c)}` : ''));
  });
  const list = await api.get('/lists/' + kind, filter);
  const el = main.querySelector('#outreach-list');
  el.innerHTML = `<div class="card-head"><h2 id="outreach-headline">${esc(lang() === 'vi' ? list.headline : list.headline_en)}</h2>
      <a class="button" id="outreach-export" href="${api.href('/lists/' + kind + '/export.xlsx', { ...filter, lang: lang() })}" download>${esc(x.export)}</a></div>
    ${mayAssign && kind !== 'matches' ? `<form id="outreach-assign" class="inline"><label>${esc(x.assign_rule)} <select id="outreach-rule">${Object.entries(x.rules).map(([v, n]) => `<option value="${v}">${esc(n)}</option>`).join('')}</select></label> <button type="submit">${esc(x.assign)}</button></form>` : ''}
    ${sectionsTable(x, list, { unit, asOf })}${entriesTable(x, list, { record: kind !== 'matches', assign: mayAssign, decide: mayAssign })}`;
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
  // Re-renders the screen, then shows the message (the new render clears it).
  const again = async (id, text) => {
    await renderOutreach(main, params);
    main.querySelector('#outreach-msg').innerHTML = `<div class="card ok" id="${id}">${esc(text)}</div>`;
  };
  const rowOf = (b) => b.closest('tr');
  // The progress counts the outcomes dated up to its day: the later of the list's day and
  // today, moved on to the day of an outcome recorded later than that.
  let progressDay = asOf > state.config.default_as_of ? asOf : state.config.default_as_of;
  const progressCard = () => renderProgress(main.querySelector('#outreach-progress-card'), x, unit, progressDay);
  el.querySelectorAll('button.record').forEach((b) => b.addEventListener('click', async () => {
    const tr = rowOf(b);
    const date = parseDate(tr.querySelector('input.outcome-date').value);
    if (!date) { msg.innerHTML = `<div class="error" role="alert" id="outreach-bad-date">${esc(x.bad_date)}</div>`; return; }
    try {
      await api.post('/outreach/outcome', { list: kind, entry: tr.dataset.entry, outcome: tr.querySelector('select.outcome').value,
        date, note: tr.querySelector('input.outcome-note').value.trim() });
      msg.innerHTML = `<div class="card ok" id="outreach-recorded">${esc(x.recorded)}</div>`;
      if (date > progressDay) progressDay = date;
      await progressCard();
    } catch (e) { showError(msg, e); }
  }));
  el.querySelectorAll('button.assign-one').forEach((b) => b.addEventListener('click', async () => {
    const tr = rowOf(b);
    const to = tr.querySelector('input.assign-to').value.trim();
    if (!to) return;
    try {
      await api.post('/outreach/assign', { list: kind, unit, as_of: asOf, entry: tr.dataset.entry, to });
      await again('outreach-assigned', x.assigned_one(tr.dataset.entry, to));
    } catch (e) { showError(msg, e); }
  }));
  el.querySelectorAll('button.confirm, button.reject').forEach((b) => b.addEventListener('click', async () => {
    const reject = b.classList.contains('reject');
    try {
      await api.post('/outreach/confirm', { entry: rowOf(b).dataset.entry, bhxh: b.dataset.bhxh, reject });
      await again('outreach-decided', (reject ? x.rejected : x.confirmed)(b.dataset.bhxh));
    } catch (e) { showError(msg, e); }
  }));
  await progressCard();
}
