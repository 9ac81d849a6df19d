// One request to a mock in process, through the same Node listener production runs (one reader,
// one writer): light-my-request hands it a Node request and response without a socket.
import { injectRequest } from "./inject.mjs";
import { type MockApp, nodeListener } from "../../src/index.js";

const listeners = new WeakMap<MockApp, ReturnType<typeof nodeListener>>();

/** `app.request`'s signature, answered by the production listener: a web Response. */
export function request(app: MockApp, path: string, init: RequestInit = {}): Promise<Response> {
  let listener = listeners.get(app);
  if (!listener) {
    listener = nodeListener(app);
    listeners.set(app, listener);
  }
  return injectRequest(listener, path, init);
}

/** An answer's JSON body, to be checked field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests assert the fields they read
export async function json(res: Response | Promise<Response>): Promise<any> {
  return (await res).json();
}
