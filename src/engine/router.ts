// Matches a request path against the spec's path templates (OpenAPI 3.1 §4.8.8: concrete paths
// match before templated ones). Built once; a match is a walk over a handful of templates.

import { memoized } from "./memo.js";

export type RouteMatch<T> =
  | { kind: "found"; route: T; params: Record<string, string> }
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" };

interface CompiledTemplate<T> {
  segments: ({ literal: string } | { param: string })[];
  /** Higher is more specific: literal segments count, earlier ones more. */
  rank: number;
  byMethod: Map<string, T>;
}

export interface Router<T> {
  /** The answer may be shared with earlier calls for the same method and path: read it, do not change it. */
  match(method: string, path: string): RouteMatch<T>;
}

/** How many methods have a memo of their matches. */
const METHODS_REMEMBERED = 16;

export function createRouter<T>(routes: { template: string; method: string; route: T }[]): Router<T> {
  const templates = new Map<string, CompiledTemplate<T>>();
  for (const { template, method, route } of routes) {
    let compiled = templates.get(template);
    if (!compiled) {
      const segments = template
        .split("/")
        .slice(1)
        .map((s) => {
          const param = /^\{([^}]+)\}$/.exec(s)?.[1];
          return param === undefined ? { literal: s } : { param };
        });
      const rank = segments.reduce((sum, s, i) => sum + ("literal" in s ? 2 ** (32 - i) : 0), 0);
      compiled = { segments, rank, byMethod: new Map() };
      templates.set(template, compiled);
    }
    compiled.byMethod.set(method.toUpperCase(), route);
  }
  const ordered = [...templates.values()].sort((a, b) => b.rank - a.rank);
  // Invariant: a match depends on the method and path alone (the templates never change), so the
  // last ones are kept (a client's suite asks for the same paths again and again); only for paths
  // of ordinary length. A match is shared: its params are copied before anyone changes them.
  // One memo per method, keyed by the path itself (no key is built per request); for the first
  // METHODS_REMEMBERED methods seen (Node's parser takes a fixed set; any other is matched afresh).
  const recent = new Map<string, (path: string) => RouteMatch<T>>();
  return {
    match(method, path) {
      if (path.length > 256) return find(method, path);
      let memo = recent.get(method);
      if (memo === undefined) {
        if (recent.size >= METHODS_REMEMBERED) return find(method, path);
        recent.set(method, (memo = memoized("route matches", (key) => find(method, key))));
      }
      return memo(path);
    },
  };

  function find(method: string, path: string): RouteMatch<T> {
    const parts = path.split("/").slice(1);
    // The most specific template that matches owns the path: a method it lacks is a 405 with
    // its methods, never a fall-through to a looser template (so PATCH /tasks/schedules/ is a
    // 405, not a task named "schedules").
    for (const template of ordered) {
      const params = matchSegments(template.segments, parts);
      if (!params) continue;
      const verb = method.toUpperCase();
      // HEAD is GET without the body wherever GET is routed (RFC 9110 §9.3.2): the HTTP layer drops the body.
      const route = template.byMethod.get(verb) ?? (verb === "HEAD" ? template.byMethod.get("GET") : undefined);
      if (route !== undefined) return { kind: "found", route, params };
      return { kind: "method-not-allowed", allow: [...template.byMethod.keys()].sort() };
    }
    return { kind: "not-found" };
  }
}

function matchSegments(segments: ({ literal: string } | { param: string })[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as { literal: string } | { param: string };
    const part = parts[i] as string;
    if ("literal" in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === "") return undefined;
      try {
        params[segment.param] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    }
  }
  return params;
}
