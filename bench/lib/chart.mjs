// The chart: Vega-Lite rendered to SVG in Node by Vega (no browser, no canvas, no native code).
import * as vega from "vega";
import { compile } from "vega-lite";

const DEFAULT_SERVERS = ["taskmock", "Prism", "node:http floor", "floor, writes coalesced"];
// taskmock, Prism, the two floors, then the peers in the order they are given.
const COLORS = ["#1b7f5f", "#c2571a", "#7f7f7f", "#b5b5b5", "#3b6fb6", "#8e5bb5", "#b8860b", "#e0b84d"];

/**
 * Three panels from the same run: throughput per operation and server, p99 latency, and start-up
 * time with memory. Each bar carries its value: Prism and the floor are far apart. `servers`: every
 * server's name in the order of the colours (taskmock, Prism, the floors, then the peers).
 */
export async function renderChart({ throughput, startup, servers = DEFAULT_SERVERS }) {
  const color = { field: "server", type: "nominal", scale: { domain: servers, range: COLORS.slice(0, servers.length) }, title: null };
  const bars = (field, title, format) => ({
    width: 520,
    height: 30 * servers.length + 70,
    data: { values: throughput },
    encoding: {
      y: { field: "operation", type: "nominal", title: null, sort: null, axis: { labelLimit: 300 } },
      yOffset: { field: "server", sort: servers },
      x: { field, type: "quantitative", title },
    },
    layer: [
      { mark: { type: "bar" }, encoding: { color } },
      { mark: { type: "text", align: "left", dx: 3, fontSize: 9 }, encoding: { text: { field, type: "quantitative", format } } },
    ],
  });
  const small = (field, title, format) => ({
    width: 230,
    height: 12 * servers.length + 20,
    data: { values: startup },
    encoding: {
      y: { field: "server", type: "nominal", sort: servers, title: null },
      x: { field, type: "quantitative", title },
    },
    layer: [
      { mark: { type: "bar" }, encoding: { color } },
      { mark: { type: "text", align: "left", dx: 3, fontSize: 9 }, encoding: { text: { field, type: "quantitative", format } } },
    ],
  });
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "taskmock vs Prism, the other mocks and the node:http floor (same run, same machine)", anchor: "start" },
    config: { font: "sans-serif", legend: { orient: "top" } },
    vconcat: [
      bars("rps", "requests per second (median of rounds)", ",.0f"),
      bars("p99", "p99 latency, ms, 50 connections (median of rounds)", ",.0f"),
      { hconcat: [small("startMs", "start to first valid answer, ms", ",.0f"), small("rssMB", "resident memory after start, MB", ",.0f")] },
    ],
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  return view.toSVG();
}
