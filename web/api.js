// The JSON API client: cookies carry the session; every change sends the CSRF token.
let csrf = '';
export function setCsrf(t) { csrf = t || ''; }

export class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

async function parse(res) {
  if (res.status === 204) return null;
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = { code: 'http_' + res.status, message: text }; }
  if (!res.ok) throw new ApiError(res.status, body?.code || 'http_' + res.status, body?.message || res.statusText);
  return body;
}

export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? '?' + s : '';
}

export async function get(path, params = {}) {
  return parse(await fetch('/api/v1' + path + qs(params), { credentials: 'same-origin' }));
}

export async function post(path, body, params = {}) {
  return parse(await fetch('/api/v1' + path + qs(params), {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
    body: body === undefined ? '' : JSON.stringify(body),
  }));
}

// Upload with progress (fetch has no upload progress): XMLHttpRequest.
export function upload(path, params, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1' + path + qs(params));
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { body = {}; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body.code, body.message || xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Mất kết nối'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export function href(path, params = {}) { return '/api/v1' + path + qs(params); }
