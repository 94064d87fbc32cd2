// Vietnamese-first formats: 1.234.567, 65,19 %, dd/mm/yyyy (English: 1,234,567, 65.19 %).
import { lang } from './i18n.js';

export function count(v) {
  if (v === null || v === undefined) return '—';
  return new Intl.NumberFormat(lang() === 'vi' ? 'vi-VN' : 'en-GB').format(v);
}

// Hundredths of a percent (6519) → "65,19 %".
export function pct(h) {
  if (h === null || h === undefined || h < 0) return '—';
  const s = (h / 100).toFixed(2);
  return (lang() === 'vi' ? s.replace('.', ',') : s) + ' %';
}

// "2021-11-10" → "10/11/2021".
export function dateVn(iso) {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

// "10/11/2021" or "2021-11-10" → "2021-11-10", or null (also for a day that does not exist,
// such as 31/02/2021).
export function parseDate(text) {
  text = (text || '').trim();
  let iso = null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  else if (/^(\d{4})-(\d{2})-(\d{2})$/.test(text)) iso = text;
  if (!iso) return null;
  const d = new Date(iso + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
