// Talking to trame serve: the CSRF token on every change, French errors.

let csrf = '';
const MAX_RETRIES = 2;

export function setCsrf(token) {
  csrf = token;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.erreur ? body.erreur : 'erreur ' + status);
    this.status = status;
    this.body = body || {};
  }
}

// Returns the Response (ok) or throws ApiError with the server's French message.
export async function call(method, url, body, headers = {}) {
  const init = { method, headers: { ...headers }, credentials: 'same-origin' };
  if (method !== 'GET') init.headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let res;
  // A busy server (503) did nothing with the request and says when to send it again: sent again
  // twice at most, after the wait it asks for, before the user is told.
  for (let attempt = 0; ; ++attempt) {
    try {
      res = await fetch(url, init);
    } catch {
      throw new ApiError(0, { erreur: 'le serveur Trame ne répond pas : est-il toujours lancé ?' });
    }
    if (res.status !== 503 || attempt >= MAX_RETRIES) break;
    const wait = Math.min(10, Number(res.headers.get('Retry-After')) || 2);
    await new Promise((r) => setTimeout(r, wait * 1000));
  }
  if (!res.ok) {
    let b = null;
    try {
      b = await res.json();
    } catch {
      b = null;
    }
    throw new ApiError(res.status, b);
  }
  return res;
}

export async function json(method, url, body, headers) {
  return (await call(method, url, body, headers)).json();
}

// Offers bytes to the user as a download.
export function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

// manifest.json straight from the zip's bytes (the server stores every entry uncompressed).
export function zipEntry(buffer, wanted) {
  const v = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  for (let at = 0; at + 30 <= bytes.length && v.getUint32(at, true) === 0x04034b50;) {
    const size = v.getUint32(at + 18, true);
    const nameLength = v.getUint16(at + 26, true);
    const extra = v.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    const start = at + 30 + nameLength + extra;
    if (name === wanted) return new TextDecoder().decode(bytes.subarray(start, start + size));
    at = start + size;
  }
  return null;
}
