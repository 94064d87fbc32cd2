// Import: upload (with progress) → the validation report and the rejected rows → commit. The
// registry's data (administrator, province) and the outreach lists (also commune accounts).
import * as api from '../api.js';
import { t } from '../i18n.js';
import { count, esc } from '../format.js';
import { showError, state } from '../app.js';

const kindName = (k) => t('kinds')[k] || t('list_kinds')[k] || k;

function report(imp) {
  return `<div class="card" id="import-report">
    <h2>${esc(imp.file)} — ${esc(kindName(imp.kind))}</h2>
    <section class="kpis">
      <div class="kpi"><span>${esc(t('read'))}</span><b id="imp-read">${count(imp.read)}</b></div>
      <div class="kpi"><span>${esc(t('rejected'))}</span><b id="imp-rejected">${count(imp.rejected)}</b></div>
      ${imp.committed ? `<div class="kpi"><span>${esc(t('inserted'))}</span><b>${count(imp.inserted)}</b></div>
      <div class="kpi"><span>${esc(t('updated'))}</span><b>${count(imp.updated)}</b></div>
      <div class="kpi"><span>${esc(t('unchanged'))}</span><b>${count(imp.unchanged)}</b></div>` : ''}
    </section>
    <p id="imp-state" class="${imp.committed ? 'ok' : ''}">${esc(imp.committed ? t('committed') : imp.rejected > 0 ? t('not_committed_rejected') : t('not_committed'))}</p>
    ${imp.committed ? '' : `<form id="commit-form" class="inline">
      ${imp.rejected > 0 ? `<label><input type="checkbox" id="accept-valid"> ${esc(t('accept_valid'))}</label>` : ''}
      <button type="submit">${esc(t('commit'))}</button></form><div id="commit-error"></div>`}
    ${imp.error_count ? `<h3>${esc(t('rejected_rows'))} (${count(imp.error_count)})</h3>
      <p><a class="button secondary" href="${api.href('/imports/' + imp.id + '/errors.csv')}" download>${esc(t('download_errors'))}</a></p>
      <table class="data compact" id="errors-table"><thead><tr><th>${esc(t('line'))}</th><th>${esc(t('column'))}</th><th>${esc(t('value'))}</th><th>${esc(t('reason'))}</th></tr></thead><tbody>
      ${imp.errors.map((e) => `<tr><td class="num">${e.line}</td><td>${esc(e.column)}</td><td>${esc(e.value)}</td><td>${esc(e.reason)}</td></tr>`).join('')}</tbody></table>` : ''}
  </div>`;
}

export async function renderImport(main) {
  const me = state.me || {};
  const options = (kinds) => Object.entries(kinds).map(([k, v]) => `<option value="${k}">${esc(v)}</option>`).join('');
  const groups = [me.may_import ? [t('registry_data'), t('kinds')] : null, me.may_import_lists ? [t('outreach_lists'), t('list_kinds')] : null]
    .filter(Boolean);
  main.innerHTML = `
    <h1>${esc(t('import_title'))}</h1>
    <form id="upload-form" class="card">
      <label>${esc(t('kind'))} <select id="import-kind">${groups.map(([label, kinds]) => `<optgroup label="${esc(label)}">${options(kinds)}</optgroup>`).join('')}</select></label>
      <label>${esc(t('file'))} <input type="file" id="import-file" accept=".csv,.xlsx" required></label>
      <button type="submit">${esc(t('upload'))}</button>
      <progress id="upload-progress" max="1" value="0" hidden></progress> <span id="upload-state"></span>
    </form>
    <section id="import-out"></section>`;
  const out = main.querySelector('#import-out');
  const show = (imp) => {
    out.innerHTML = report(imp);
    const form = out.querySelector('#commit-form');
    if (!form) return;
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const r = await api.post('/imports/' + imp.id + '/commit', { accept_valid: !!out.querySelector('#accept-valid')?.checked });
        show(r.import);
      } catch (e) { showError(out.querySelector('#commit-error'), e); }
    });
  };
  main.querySelector('#upload-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const file = main.querySelector('#import-file').files[0];
    if (!file) return;
    const bar = main.querySelector('#upload-progress');
    const st = main.querySelector('#upload-state');
    bar.hidden = false;
    st.textContent = t('uploading');
    try {
      const r = await api.upload('/imports', { kind: main.querySelector('#import-kind').value }, file, (f) => {
        bar.value = f;
        if (f >= 1) st.textContent = t('checking');
      });
      st.textContent = '';
      bar.hidden = true;
      show(r.import);
    } catch (e) { bar.hidden = true; st.textContent = ''; showError(out, e); }
  });
}
