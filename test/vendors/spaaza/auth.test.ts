// Privileged tokens only (auth.ts): a token that is not privileged is refused on every
// operation, reads included, and nothing changes.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { createBody, errorOf, READONLY, seedUpdate, spaazaClient } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("spaaza");
});
const { send, state } = spaazaClient(() => app);

describe("spaaza tasks: authentication and the error body", () => {
  test("a token that is not privileged answers 403 permission_denied on every operation, reads included", async () => {
    const before = await state();
    for (const [method, path, body] of [
      ["GET", "/tasks", undefined],
      ["POST", "/tasks", createBody],
      ["GET", "/tasks/12345", undefined],
      ["PUT", "/tasks/12345", seedUpdate],
      ["DELETE", "/tasks/12345", undefined],
      ["POST", "/tasks/12345/execute", undefined],
      ["GET", "/tasks/12360/download_url", undefined],
    ] as const) {
      const res = await send(method, path, body, READONLY);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(errorOf(res.body)).toEqual({
        code: 912,
        name: "permission_denied",
        description: "This token of chain 1764 is not privileged: the Services API needs a privileged access token",
      });
    }
    expect(await state()).toEqual(before);
  });
});
