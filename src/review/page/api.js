// Talks to the review server. The token comes from the URL fragment (#token=...), which the
// browser never sends to the server or in a Referer; every /api call carries it in a header.

const params = new URLSearchParams(location.hash.slice(1));
const token = params.get('token') ?? sessionStorage.getItem('anomscope-review-token') ?? '';
if (token !== '') sessionStorage.setItem('anomscope-review-token', token);

/** Hash parameters other than the token (reviewer, item). */
export function hashParam(name) {
  return new URLSearchParams(location.hash.slice(1)).get(name);
}

/** Puts `item` into the fragment so a reload comes back to the same item. */
export function rememberItem(id) {
  const next = new URLSearchParams(location.hash.slice(1));
  next.set('item', String(id));
  history.replaceState(null, '', `#${next.toString()}`);
}

export function hasToken() {
  return token !== '';
}

/**
 * One API call; resolves to { status, body } for any HTTP status, rejects only on network failure.
 */
export async function api(path, options = {}) {
  const headers = { 'x-review-token': token };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    body = {
      error: 'bad_response',
      message: `the server answered ${response.status} without JSON`,
    };
  }
  return { status: response.status, body };
}
