// cyclemap serve: follows every save without a reload (server-sent events), switches
// layouts, moves between cycles and presents on a projector, from the keyboard.
// Loaded from this server only (Content-Security-Policy); fetches from it only.
(() => {
  "use strict";
  const body = document.body;
  const data = body.dataset;
  const LAYOUTS = ["clock", "flow", "blueprint"];
  const isCycle = body.classList.contains("cycle");
  let version = Number(data.version);
  let layout = data.layout || "clock";
  let busy = false;
  let again = false;

  const now = () => performance.timeOrigin + performance.now();
  const byId = (id) => document.getElementById(id);
  const encodeKey = (key) => key.split("/").map(encodeURIComponent).join("/");
  const present = () => body.classList.contains("present");

  function pageURL(path, lay, pres) {
    const query = [];
    if (lay && lay !== "clock") query.push("layout=" + lay);
    if (pres) query.push("present=1");
    return path + (query.length ? "?" + query.join("&") : "");
  }

  // Presentation: the diagram takes the height left under the title, whatever the
  // screen and the title's length (CSS gives a first guess; this makes it exact).
  function fit() {
    const svg = document.querySelector("#diagram svg");
    if (!svg) return;
    if (!present()) { svg.style.height = ""; return; }
    const top = byId("diagram").getBoundingClientRect().top + window.scrollY;
    svg.style.height = Math.max(200, window.innerHeight - top - 8) + "px";
  }

  function syncLinks() {
    for (const a of document.querySelectorAll("a.layout")) {
      const name = a.dataset.layout;
      a.href = pageURL(location.pathname, name, present());
      if (name === layout) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
    }
    for (const id of ["prev", "next"]) {
      const a = byId(id);
      if (a) a.href = pageURL(new URL(a.href).pathname, layout, present());
    }
    history.replaceState(null, "", pageURL(location.pathname, layout, present()));
    fit();
  }

  function apply(state) {
    const html = state.html;
    for (const id of ["title", "level", "diagram", "weak", "curve"]) {
      const el = byId(id);
      if (el) el.innerHTML = html[id];
    }
    const problem = byId("problem");
    problem.innerHTML = html.problem;
    problem.hidden = !html.problem;
    document.title = state.title + " — cyclemap";
    document.documentElement.lang = state.lang;
    version = state.version;
    layout = state.layout;
    data.version = String(version);
    data.layout = layout;
    const shown = now();
    data.shownAt = String(shown);
    const debug = byId("debug");
    if (debug) {
      const page = state.ready ? ` · ${data.shownLabel} ${Math.max(0, shown - state.ready * 1000).toFixed(0)} ms` : "";
      debug.innerHTML = html.debug + page;
    }
    syncLinks();
  }

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      do {
        again = false;
        const response = await fetch("/api/cycle/" + encodeKey(data.key) + "?layout=" + layout, { cache: "no-store" });
        if (response.status === 404) { location.href = "/"; return; }
        if (!response.ok) return;
        const state = await response.json();
        // Nothing new (another cycle changed, say): leave the page as it is.
        if (state.version !== version || state.layout !== data.layout) apply(state);
      } while (again);
    } catch (err) {
      // The server is gone or restarting: the push channel says so and catches up.
    } finally {
      busy = false;
    }
  }

  async function refreshIndex() {
    try {
      const response = await fetch("/api/index", { cache: "no-store" });
      if (!response.ok) return;
      const state = await response.json();
      byId("cycles").innerHTML = state.html.cycles;
      version = state.version;
      data.version = String(version);
      data.shownAt = String(now());
    } catch (err) { /* as above */ }
  }

  function listen() {
    const live = byId("live");
    const source = new EventSource("/events");
    source.addEventListener("hello", (e) => {
      live.textContent = "";
      live.classList.remove("lost");
      data.live = "on";
      const hello = JSON.parse(e.data);
      if (isCycle) {
        if (hello.versions[data.key] !== undefined && hello.versions[data.key] !== version) refresh();
      } else if (hello.index !== version) refreshIndex();
    });
    source.addEventListener("change", (e) => {
      const change = JSON.parse(e.data);
      if (isCycle && change.key === data.key && change.version !== version) refresh();
    });
    source.addEventListener("index", (e) => {
      const index = JSON.parse(e.data);
      if (!isCycle && index.version !== version) refreshIndex();
      // A cycle page asks again: its file may be gone (then it goes to the index).
      if (isCycle) refresh();
    });
    source.onerror = () => {
      live.textContent = data.lostLabel;
      live.classList.add("lost");
      data.live = "lost";
    };
  }

  function setLayout(name) {
    if (!LAYOUTS.includes(name) || name === layout) return;
    layout = name;
    syncLinks();
    refresh();
  }

  function togglePresent(on) {
    body.classList.toggle("present", on);
    syncLinks();
    if (present()) window.scrollTo(0, 0);
  }

  function go(id) {
    const a = byId(id);
    if (a) location.href = a.href;
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key;
    if (key === "i" || key === "I") { location.href = "/"; return; }
    if (!isCycle) return;
    const at = LAYOUTS.indexOf(layout);
    if (key === "ArrowRight" || key === "PageDown") go("next");
    else if (key === "ArrowLeft" || key === "PageUp") go("prev");
    else if (key === "l" || key === "L" || key === "ArrowDown") setLayout(LAYOUTS[(at + 1) % LAYOUTS.length]);
    else if (key === "ArrowUp") setLayout(LAYOUTS[(at + LAYOUTS.length - 1) % LAYOUTS.length]);
    else if (key === "1" || key === "2" || key === "3") setLayout(LAYOUTS[Number(key) - 1]);
    else if (key === "p" || key === "P") togglePresent();
    else if (key === "Escape") togglePresent(false);
    else if (key === "f" || key === "F") {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
    } else return;
    e.preventDefault();
  }

  if (isCycle) {
    for (const a of document.querySelectorAll("a.layout")) {
      a.addEventListener("click", (e) => { e.preventDefault(); setLayout(a.dataset.layout); });
    }
    byId("present").addEventListener("click", () => togglePresent());
    window.addEventListener("resize", fit);
    fit();
  }
  document.addEventListener("keydown", onKey);
  listen();
})();
