// One request to a Node request listener without a socket (light-my-request), answered as a web
// Response: the tests' `request` helper and `npm run fuzz` both send through it.
import { inject } from "light-my-request";

/** `fetch`'s (path, init) against `listener`: the same Node request and response production gets. */
export async function injectRequest(listener, path, init = {}) {
  const headers = {};
  new Headers(init.headers).forEach((value, key) => {
    headers[key] = value;
  });
  const body = init.body === undefined || init.body === null ? undefined : String(init.body);
  const answer = await inject(listener, { method: init.method ?? "GET", url: path, headers, ...(body === undefined ? {} : { payload: body }) });
  const out = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) out.append(name, String(one));
  }
  const empty = answer.statusCode === 204 || answer.statusCode === 304 || answer.rawPayload.length === 0;
  return new Response(empty ? null : answer.rawPayload, { status: answer.statusCode, headers: out });
}
