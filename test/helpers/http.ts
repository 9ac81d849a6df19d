// One request to a mock in process, through the same Node listener production runs (one reader,
// one writer): light-my-request hands it a Node request and response without a socket.
import { inject } from "light-my-request";
import { type MockApp, nodeListener } from "../../src/index.js";

const listeners = new WeakMap<MockApp, ReturnType<typeof nodeListener>>();

/** `app.request`'s signature, answered by the production listener: a web Response. */
export async function request(app: MockApp, path: string, init: RequestInit = {}): Promise<Response> {
  let listener = listeners.get(app);
  if (!listener) {
    listener = nodeListener(app);
    listeners.set(app, listener);
  }
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => {
    headers[key] = value;
  });
  const body = init.body === undefined || init.body === null ? undefined : String(init.body);
  const answer = await inject(listener, {
    method: (init.method ?? "GET") as "GET",
    url: path,
    headers,
    ...(body === undefined ? {} : { payload: body }),
  });
  const out = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) out.append(name, String(one));
  }
  const empty = answer.statusCode === 204 || answer.statusCode === 304 || answer.rawPayload.length === 0;
  return new Response(empty ? null : answer.rawPayload, { status: answer.statusCode, headers: out });
}

/** An answer's JSON body, to be checked field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests assert the fields they read
export async function json(res: Response | Promise<Response>): Promise<any> {
  return (await res).json();
}
