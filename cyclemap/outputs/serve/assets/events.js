// cyclemap serve: ONE push channel per browser, shared by all its tabs (a SharedWorker).
// A browser allows six connections per host; with one stream per tab, the seventh tab
// would never load and none would follow a save. Every tab of this origin connects to
// this worker; the worker holds the one EventSource and passes each event on.
// Messages to the tabs: {type: "hello"|"change"|"index", data} and {type: "lost"}.
"use strict";
const ports = new Set();
let source = null;
let hello = null; // the latest hello, kept current with every change: what a new tab needs
let lost = false;

function post(message) {
  for (const port of ports) {
    try { port.postMessage(message); } catch (err) { ports.delete(port); }
  }
}

function open() {
  source = new EventSource("/events");
  source.addEventListener("hello", (e) => {
    hello = { type: "hello", data: JSON.parse(e.data) };
    lost = false;
    post(hello);
  });
  source.addEventListener("change", (e) => {
    const data = JSON.parse(e.data);
    if (hello) hello.data.versions[data.key] = data.version;
    post({ type: "change", data });
  });
  source.addEventListener("index", (e) => {
    const data = JSON.parse(e.data);
    if (hello) hello.data.index = data.version;
    post({ type: "index", data });
  });
  source.onerror = () => {
    hello = null;
    lost = true;
    post({ type: "lost" });
  };
}

self.onconnect = (e) => {
  const port = e.ports[0];
  ports.add(port);
  port.onmessage = (m) => { if (m.data === "bye") ports.delete(port); };
  port.start();
  if (!source) open();
  else if (hello) port.postMessage(hello);
  else if (lost) port.postMessage({ type: "lost" });
};
