import * as api from '../api.js';
import { t } from '../i18n.js';
import { esc } from '../format.js';

export function renderLogin(main, onLoggedIn) {
  main.innerHTML = `
    <form id="login" class="card narrow">
      <h1>${esc(t('login_title'))}</h1>
      <label>${esc(t('username'))}<input name="username" autocomplete="username" required></label>
      <label>${esc(t('password'))}<input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">${esc(t('login'))}</button>
      <div id="login-error"></div>
    </form>`;
  const form = main.querySelector('#login');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    try {
      const me = await api.post('/auth/login', { username: data.get('username'), password: data.get('password') });
      onLoggedIn(me);
    } catch (e) {
      form.querySelector('#login-error').innerHTML = `<div class="error" role="alert">${esc(e.message)}</div>`;
    }
  });
}
