// The weekly report (issue 7): the officials' first paragraph, the change on the week, the
// sub-units with rate, target, gap and priority rank, the forecast, and buttons that download
// the report as PDF, Word, Excel or a web page. Its words live here (the shared dictionary stays
// untouched by this screen).
import * as api from '../api.js';
import { lang } from '../i18n.js';
import { esc, count, pct, dateVn, parseDate } from '../format.js';

const words = {
  vi: {
    title: 'Báo cáo tuần tình hình bao phủ BHYT', unit: 'Mã đơn vị', as_of: 'Tính đến ngày', show: 'Xem báo cáo',
    pdf: 'Báo cáo tuần (PDF)', docx: 'Báo cáo tuần (Word)', xlsx: 'Báo cáo tuần (Excel)', html: 'Báo cáo tuần (trang web)',
    name: 'Đơn vị', rate: 'Tỷ lệ', change: 'So với tuần trước', target: 'Chỉ tiêu', gap: 'Còn thiếu',
    reach: 'Chưa tham gia', score: 'Điểm ưu tiên', rank: 'Thứ tự ưu tiên', condition: 'Tình trạng địa bàn',
    trend: 'Diễn biến theo tuần', date: 'Ngày', insured: 'Số người có thẻ', bad_date: 'Ngày không hợp lệ (dd/mm/yyyy).',
    campaign: 'Chiến dịch', period: 'Thời gian', target_new: 'Chỉ tiêu phát triển mới', joined: 'Phát triển mới',
    prior: 'Cùng kỳ năm trước', agency: 'Cơ quan, đơn vị', expected: 'Số kỳ phải nộp', received: 'Đã nộp',
    on_time: 'Đúng hạn', this_week: 'Tuần này', late: 'Chưa nộp', sent: 'Đã nộp',
  },
  en: {
    title: 'Weekly health insurance coverage report', unit: 'Unit code', as_of: 'As of', show: 'Show the report',
    pdf: 'Weekly report (PDF)', docx: 'Weekly report (Word)', xlsx: 'Weekly report (Excel)', html: 'Weekly report (web page)',
    name: 'Unit', rate: 'Rate', change: 'Change on the week', target: 'Target', gap: 'Gap',
    reach: 'Not insured', score: 'Priority score', rank: 'Priority rank', condition: 'Area condition',
    trend: 'Weekly trend', date: 'Date', insured: 'Insured', bad_date: 'Invalid date (dd/mm/yyyy).',
    campaign: 'Campaign', period: 'Period', target_new: 'Target (new)', joined: 'Joined', prior: 'Same days last year',
    agency: 'Agency', expected: 'Due', received: 'Received', on_time: 'On time', this_week: 'This week',
    late: 'Late', sent: 'Received',
  },
};
function w(key) { return words[lang()][key]; }
export function weeklyLabel() { return lang() === 'vi' ? 'Báo cáo tuần' : 'Weekly report'; }

function points(d) {
  if (d === null || d === undefined) return '—';
  const s = (Math.abs(d) / 100).toFixed(2);
  return (d < 0 ? '−' : '+') + (lang() === 'vi' ? s.replace('.', ',') : s);
}

export async function renderWeekly(main, params, home) {
  const unit = params.unit || home || 'VN';
  const asOf = params.as_of || '';
  main.innerHTML = `<h1>${esc(w('title'))}</h1>
    <form class="card" id="weekly-form">
      <label>${esc(w('unit'))} <input name="unit" value="${esc(unit)}" size="8"></label>
      <label>${esc(w('as_of'))} <input name="as_of" value="${esc(asOf ? dateVn(asOf) : '')}" size="10" placeholder="dd/mm/yyyy"></label>
      <button type="submit">${esc(w('show'))}</button>
    </form>
    <div id="weekly-body"></div>`;
  main.querySelector('#weekly-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    const d = f.get('as_of') ? parseDate(f.get('as_of')) : '';
    if (d === null) { main.querySelector('#weekly-body').innerHTML = `<div class="error">${esc(w('bad_date'))}</div>`; return; }
    location.hash = '#/weekly' + api.qs({ unit: f.get('unit'), as_of: d });
  });
  const q = { unit, as_of: asOf, lang: lang() };
  const r = await api.get('/reports/weekly', q);
  const buttons = ['pdf', 'docx', 'xlsx', 'html'].map((f) =>
    `<a class="button" id="weekly-${f}" href="${esc(api.href('/reports/weekly', { ...q, as_of: r.as_of, format: f }))}"${f === 'html' ? ' target="_blank" rel="noopener"' : ''}>${esc(w(f))}</a>`).join(' ');
  // The campaign and agency tables go under their headings (IV and V), as in the document.
  const campaigns = r.campaigns.length ? `<table class="data compact" id="weekly-campaigns"><thead><tr><th>${esc(w('campaign'))}</th><th>${esc(w('period'))}</th>
      <th>${esc(w('target_new'))}</th><th>${esc(w('joined'))}</th><th>${esc(w('prior'))}</th></tr></thead><tbody>${r.campaigns.map((c) =>
      `<tr><td>${esc(c.name)}</td><td>${esc(dateVn(c.from))} – ${esc(dateVn(c.to))}</td><td class="n">${c.target_new ? count(c.target_new) : '—'}</td>
      <td class="n">${count(c.joined)}</td><td class="n">${count(c.joined_prior)}</td></tr>`).join('')}</tbody></table>` : '';
  const agencies = r.agencies.length ? `<table class="data compact" id="weekly-agencies"><thead><tr><th>${esc(w('agency'))}</th><th>${esc(w('expected'))}</th>
      <th>${esc(w('received'))}</th><th>${esc(w('on_time'))}</th><th>${esc(w('this_week'))}</th></tr></thead><tbody>${r.agencies.map((a) =>
      `<tr><td>${esc(a.name)}</td><td class="n">${a.expected}</td><td class="n">${a.received}</td><td class="n">${a.on_time}</td>
      <td>${esc(a.late ? w('late') : w('sent'))}</td></tr>`).join('')}</tbody></table>` : '';
  const paras = r.paragraphs.map((p) => {
    if (p.kind === 'heading') return `<h2>${esc(p.text)}</h2>` + (p.text.startsWith('IV.') ? campaigns : p.text.startsWith('V.') ? agencies : '');
    return `<p class="${p.kind === 'note' ? 'note' : ''}"${p.text === r.first_paragraph ? ' id="weekly-first"' : ''}>${esc(p.text)}</p>`;
  }).join('');
  const hasCond = r.units.some((u) => u.condition);
  const rows = r.units.map((u) => `<tr><td>${esc(u.name)}</td><td class="n">${count(u.insured)}</td><td class="n">${pct(u.rate_hundredths)}</td>
      <td class="n">${u.rate_week_before_hundredths === null || u.rate_hundredths === null ? '—' : points(u.rate_hundredths - u.rate_week_before_hundredths)}</td>
      <td class="n">${pct(u.target_hundredths)}</td><td class="n">${count(u.gap_people)}</td><td class="n">${count(u.people_to_reach)}</td>
      <td class="n">${count(u.score)}</td><td class="n">${u.rank || '—'}</td>${hasCond ? `<td>${esc(u.condition)}</td>` : ''}</tr>`).join('');
  const trend = r.trend.map((p) => `<tr><td>${esc(dateVn(p.date))}</td><td class="n">${count(p.insured)}</td><td class="n">${pct(p.rate_hundredths)}</td></tr>`).join('');
  main.querySelector('#weekly-body').innerHTML = `
    <section class="card"><div class="buttons">${buttons}</div></section>
    <section class="card weekly-text">${paras}</section>
    <section class="card"><table class="data compact" id="weekly-units"><thead><tr><th>${esc(w('name'))}</th><th>${esc(w('insured'))}</th><th>${esc(w('rate'))}</th>
      <th>${esc(w('change'))}</th><th>${esc(w('target'))}</th><th>${esc(w('gap'))}</th><th>${esc(w('reach'))}</th><th>${esc(w('score'))}</th><th>${esc(w('rank'))}</th>${hasCond ? `<th>${esc(w('condition'))}</th>` : ''}</tr></thead>
      <tbody>${rows}</tbody></table></section>
    <section class="card"><h2>${esc(w('trend'))}</h2><table class="data compact"><thead><tr><th>${esc(w('date'))}</th><th>${esc(w('insured'))}</th><th>${esc(w('rate'))}</th></tr></thead><tbody>${trend}</tbody></table></section>`;
}
