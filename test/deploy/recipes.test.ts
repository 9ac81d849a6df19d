// deploy/'s recipes, read as the tools would read them (no container engine here): the compose
// file, the Kubernetes manifests, the Dockerfile and the nginx configuration name the same ports,
// flags and health path as each other and as the replica tests (test/replicas/), which run the
// very nginx configuration with a real nginx.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { runCli, START_NODE_FLAGS } from "../helpers/cli.js";
import { HEALTH_PATH, nginxBinary, nginxConfig, RECIPE_NGINX_PORT, RECIPE_UPSTREAM, REPLICA_FLAGS, replicaArgs, cannotRun } from "../helpers/replicas.js";
import { ROOT } from "../helpers/specs.js";
import { tempDir } from "../helpers/temp.js";

const DEPLOY = join(ROOT, "deploy");
const read = (file: string) => readFileSync(join(DEPLOY, file), "utf8");

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the recipes are read field by field
type Doc = any;
const compose: Doc = parse(read("compose.yaml"));
const manifests: Doc[] = ["taskmock.yaml", "valkey.yaml"].flatMap((file) =>
  parseAllDocuments(read(join("kubernetes", file))).map((doc) => {
    expect(doc.errors, file).toEqual([]);
    return doc.toJS();
  }),
);
const manifest = (kind: string, name: string): Doc => {
  const found = manifests.find((m) => m.kind === kind && m.metadata?.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name} in deploy/kubernetes/`);
  return found;
};

/** A command line's flags and their values (`--quiet` alone: true). */
function flagsOf(args: string[]): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  args.forEach((arg, i) => {
    if (!arg.startsWith("--")) return;
    const next = args[i + 1];
    flags.set(arg, next === undefined || next.startsWith("--") ? true : next);
  });
  return flags;
}

/** The store's host and port in a --store URL. */
const storeAddress = (url: string | true | undefined) => {
  const parsed = new URL(String(url));
  return { protocol: parsed.protocol, host: parsed.hostname, port: Number(parsed.port) };
};

const replicaCommand: string[] = compose.services.taskmock.command;
const deployment = manifest("Deployment", "taskmock");
const container = deployment.spec.template.spec.containers[0];

describe("the compose file: Valkey, three replicas, nginx's round-robin, health checks", () => {
  test("three replicas of the image deploy/Dockerfile builds, on the store's service, with the replica tests' flags", () => {
    const replica = compose.services.taskmock;
    expect(replica.deploy.replicas).toBe(3);
    expect(existsSync(join(DEPLOY, replica.build.context, replica.build.dockerfile))).toBe(true);
    expect(replicaCommand[0]).toBe("serve");
    const flags = flagsOf(replicaCommand);
    for (const flag of REPLICA_FLAGS) expect(flags.has(flag), flag).toBe(true);
    expect(flags.get("--port")).toBe(String(RECIPE_UPSTREAM.port));
    expect(flags.get("--host")).toBe("0.0.0.0");
    // The store URL names the Valkey service and the port it listens on.
    const store = storeAddress(flags.get("--store"));
    expect(store.protocol).toBe("redis:");
    expect(compose.services[store.host]).toBeDefined();
    expect(flagsOf(compose.services[store.host].command).get("--port")).toBe(String(store.port));
    expect(replica.depends_on[store.host].condition).toBe("service_healthy");
  });

  test("each replica's health check asks /__admin/health on its port; nginx waits for healthy replicas", () => {
    expect(compose.services.taskmock.healthcheck.test.join(" ")).toContain(`http://127.0.0.1:${RECIPE_UPSTREAM.port}${HEALTH_PATH}`);
    expect(compose.services.nginx.healthcheck.test.join(" ")).toContain(`http://127.0.0.1:${RECIPE_NGINX_PORT}${HEALTH_PATH}`);
    expect(compose.services.nginx.depends_on.taskmock.condition).toBe("service_healthy");
    expect(compose.services.valkey.healthcheck.test).toContain("ping");
  });

  test("nginx runs deploy/nginx.conf, published on the port it listens on", () => {
    const nginx = compose.services.nginx;
    expect(nginx.volumes).toContain("./nginx.conf:/etc/nginx/nginx.conf:ro");
    expect(nginx.ports.map((p: string) => Number(p.split(":").at(-1)))).toEqual([RECIPE_NGINX_PORT]);
  });
});

describe("deploy/nginx.conf: round-robin over the replicas' service", () => {
  const conf = read("nginx.conf");

  test("its upstream is the compose service on the replicas' port, and the tests' templating finds every line it replaces", () => {
    expect(conf).toContain(`server ${RECIPE_UPSTREAM.host}:${RECIPE_UPSTREAM.port} `);
    expect(compose.services[RECIPE_UPSTREAM.host]).toBeDefined();
    const upstream = /upstream (\w+) \{/.exec(conf)?.[1];
    expect(conf).toContain(`proxy_pass http://${upstream};`);
    // No balancing method named: nginx's default, round-robin.
    expect(conf).not.toMatch(/^\s*(least_conn|ip_hash|hash|random)\b/m);
    const templated = nginxConfig(conf, ["127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3"], 9, "/tmp/x");
    expect(templated.match(/^\s*server 127\.0\.0\.1:\d max_fails=1 fail_timeout=5s;$/gm)).toHaveLength(3);
  });

  test("a mock's own 503 (a fault rule, a maintenance window) is never sent again to another replica", () => {
    const retried = /^\s*proxy_next_upstream ([^;]+);/m.exec(conf)?.[1] ?? "error timeout";
    expect(retried.split(/\s+/)).not.toContain("http_503");
    expect(retried.split(/\s+/)).not.toContain("non_idempotent");
  });

  test("a real nginx accepts it as the replica tests run it (nginx -t)", (ctx) => {
    const binary = nginxBinary();
    if (binary === undefined) cannotRun(ctx, "nginx is not installed (apt-get install nginx-light)");
    const dir = tempDir("taskmock-nginx-t-");
    const file = join(dir, "nginx.conf");
    writeFileSync(file, nginxConfig(conf, ["127.0.0.1:4011", "127.0.0.1:4012", "127.0.0.1:4013"], 4014, dir));
    const checked = spawnSync(binary as string, ["-t", "-p", `${dir}/`, "-c", file, "-e", join(dir, "error.log"), "-g", `pid ${join(dir, "nginx.pid")};`], { encoding: "utf8" });
    expect(checked.status, checked.stderr).toBe(0);
  });
});

describe("the Kubernetes manifests: a Deployment ready on /__admin/health, a Service, a Valkey StatefulSet", () => {
  test("the Deployment runs three replicas with the compose file's command line", () => {
    expect(deployment.spec.replicas).toBe(3);
    expect(container.args).toEqual(replicaCommand);
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
  });

  test("readiness is /__admin/health on the port the replica listens on", () => {
    const port = container.ports.find((p: Doc) => p.name === container.readinessProbe.httpGet.port);
    expect(port.containerPort).toBe(RECIPE_UPSTREAM.port);
    expect(String(RECIPE_UPSTREAM.port)).toBe(flagsOf(container.args).get("--port"));
    expect(container.readinessProbe.httpGet.path).toBe(HEALTH_PATH);
  });

  test("the Service selects the Deployment's pods, on their port", () => {
    const service = manifest("Service", "taskmock");
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(service.spec.ports[0].targetPort).toBe(container.readinessProbe.httpGet.port);
    expect(service.spec.ports[0].port).toBe(RECIPE_UPSTREAM.port);
  });

  test("the store URL names the Valkey StatefulSet's Service and the port Valkey listens on", () => {
    const store = storeAddress(flagsOf(container.args).get("--store"));
    const statefulSet = manifest("StatefulSet", "valkey");
    const service = manifest("Service", statefulSet.spec.serviceName);
    expect(store.host).toBe(service.metadata.name);
    expect(service.spec.clusterIP).toBe("None");
    expect(service.spec.selector).toEqual(statefulSet.spec.selector.matchLabels);
    expect(service.spec.ports[0].port).toBe(store.port);
    const valkey = statefulSet.spec.template.spec.containers[0];
    expect(flagsOf(valkey.args).get("--port")).toBe(String(store.port));
    expect(valkey.ports[0].containerPort).toBe(store.port);
    expect(statefulSet.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
  });
});

describe("the Dockerfile: a slim Node base, not root", () => {
  const lines = read("Dockerfile").split("\n");
  const instructions = (name: string) => lines.filter((l) => l.startsWith(`${name} `)).map((l) => l.slice(name.length + 1).trim());

  test("every stage starts from a slim Node image of a line package.json allows", () => {
    const engines = Number(/>=(\d+)/.exec((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node)?.[1]);
    const bases = instructions("FROM").map((from) => from.split(" ")[0] as string);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) {
      const [, major] = /^node:(\d+)-slim$/.exec(base) ?? [];
      expect(Number(major), base).toBeGreaterThanOrEqual(engines);
    }
  });

  test("the image runs the CLI as an unprivileged user, on the replicas' port, with a health check", () => {
    const lastStage = lines.findLastIndex((l) => l.startsWith("FROM "));
    const users = lines.slice(lastStage).filter((l) => l.startsWith("USER ")).map((l) => l.slice(5).trim());
    expect(users).toHaveLength(1);
    expect(["root", "0"]).not.toContain(users[0]);
    expect(instructions("EXPOSE")).toEqual([String(RECIPE_UPSTREAM.port)]);
    expect(JSON.parse(instructions("ENTRYPOINT")[0] as string)).toEqual(["node", ...START_NODE_FLAGS, "dist/cli.js"]);
    expect(lines.join("\n")).toContain(`http://127.0.0.1:${RECIPE_UPSTREAM.port}${HEALTH_PATH}`);
  });
});

test("every flag the recipes and the replica tests pass is one taskmock serve takes", async (ctx) => {
  const { output } = await runCli(["serve", "--help"]);
  // The flags the help describes, each at the start of its line.
  const known = new Set([...output.matchAll(/^ {2}(--[a-z][a-z-]*)/gm)].map((m) => m[1]));
  if (!known.has("--store")) cannotRun(ctx, "shared store not available in this build (taskmock serve --help lists no --store)");
  const used = new Set([...flagsOf(replicaCommand).keys(), ...flagsOf(replicaArgs("redis://127.0.0.1:1", "p:")).keys()]);
  expect([...used].filter((flag) => !known.has(flag))).toEqual([]);
});
