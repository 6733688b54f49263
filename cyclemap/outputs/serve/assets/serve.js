// cyclemap serve: follows every save without a reload (server-sent events, one channel
// per browser shared by all its tabs through events.js), switches layouts, moves between
// cycles and presents on a projector, from the keyboard.
// Loaded from this server only (Content-Security-Policy); fetches from it only.
(() => {
  "use strict";
  const body = document.body;
  const data = body.dataset;
  const LAYOUTS = ["clock", "flow", "blueprint"];
  const isCycle = body.classList.contains("cycle");
  const KEYS_STORE = "cyclemap-single-keys";
  let version = Number(data.version);
  let layout = data.layout || "clock";
  let busy = false;
  let again = false;
  let previous = false; // showing the version before the latest save (V)

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

  // Presentation: the drawing cropped to its moments (its own title and margins are
  // left to the page's heading), as large as the screen under the title allows; never
  // so small that a moment's label is under 24 px (then the room scrolls to the rest).
  const MIN_LABEL_PX = 24;
  function fit() {
    const svg = document.querySelector("#diagram svg");
    if (!svg) return;
    if (!svg.dataset.fullBox) svg.dataset.fullBox = svg.getAttribute("viewBox") || "";
    // The drawing's own title and subtitle repeat the page's heading: once is enough.
    for (const node of svg.querySelectorAll("g.node.text")) {
      const name = node.querySelector("title");
      if (name && (name.textContent === "title" || name.textContent === "subtitle")) {
        node.style.display = present() ? "none" : "";
      }
    }
    if (!present()) {
      if (svg.dataset.fullBox) svg.setAttribute("viewBox", svg.dataset.fullBox);
      svg.style.height = ""; svg.style.width = "";
      return;
    }
    svg.setAttribute("viewBox", svg.dataset.fullBox);
    const g = svg.querySelector("g.graph");
    let box = svg.viewBox.baseVal;
    box = { x: box.x, y: box.y, width: box.width, height: box.height };
    if (g && svg.getScreenCTM() && g.getScreenCTM()) {
      const b = g.getBBox(); // without the title and the background (display: none in presentation)
      const toSvg = svg.getScreenCTM().inverse().multiply(g.getScreenCTM());
      const a = new DOMPoint(b.x, b.y).matrixTransform(toSvg);
      const z = new DOMPoint(b.x + b.width, b.y + b.height).matrixTransform(toSvg);
      const pad = 6;
      if (b.width > 0 && b.height > 0) {
        box = { x: Math.min(a.x, z.x) - pad, y: Math.min(a.y, z.y) - pad,
                width: Math.abs(z.x - a.x) + 2 * pad, height: Math.abs(z.y - a.y) + 2 * pad };
        svg.setAttribute("viewBox", `${box.x} ${box.y} ${box.width} ${box.height}`);
      }
    }
    const top = byId("diagram").getBoundingClientRect().top + window.scrollY;
    const roomH = Math.max(200, window.innerHeight - top - 8);
    const roomW = byId("diagram").clientWidth;
    let scale = Math.min(roomH / box.height, roomW / box.width);
    const sizes = [...svg.querySelectorAll("g.node.moment text")].map((t) => parseFloat(t.getAttribute("font-size")))
      .filter((n) => n > 0);
    if (sizes.length) scale = Math.max(scale, MIN_LABEL_PX / Math.min(...sizes));
    svg.style.width = box.width * scale + "px";
    svg.style.height = box.height * scale + "px";
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
    for (const a of document.querySelectorAll("a.export")) {
      const format = a.id.replace("export-", "");
      a.href = "/export/" + encodeKey(data.key) + "." + format + "?layout=" + layout + (previous ? "&version=previous" : "");
    }
    history.replaceState(null, "", pageURL(location.pathname, layout, present()));
    fit();
  }

  // What a reader had focused stays so across a save: by id, or by the link's address.
  function remember() {
    const el = document.activeElement;
    let focus = null;
    if (el && el !== body && el.closest("#weak, #diagram, #moments, nav")) {
      if (el.id) focus = { id: el.id };
      else if (el.tagName === "A") focus = { href: el.getAttribute("href") };
    }
    return { focus };
  }
  function restore(kept) {
    const f = kept.focus;
    if (!f) return;
    let el = null;
    if (f.id) el = byId(f.id);
    else if (f.href) el = [...document.querySelectorAll("a")].find((a) => a.getAttribute("href") === f.href);
    if (el && document.activeElement !== el) el.focus({ preventScroll: true });
  }

  function around(state) {
    // A cycle that came or went: the ← → links follow, without a reload.
    const nav = document.querySelector("nav");
    for (const [id, key, rel, make] of [
      ["prev", state.prev, "prev", (label) => "← " + label],
      ["next", state.next, "next", (label) => label + " →"],
    ]) {
      let a = byId(id);
      if (!key) { if (a) a.remove(); continue; }
      if (!a) {
        a = document.createElement("a");
        a.id = id;
        a.rel = rel;
        a.textContent = make(data[id + "Label"] || id);
        const before = id === "prev" ? byId("to-index").nextSibling : (byId("prev") || byId("to-index")).nextSibling;
        nav.insertBefore(a, before);
      }
      a.href = pageURL("/cycle/" + encodeKey(key), layout, present());
    }
  }

  function apply(state) {
    const html = state.html;
    const kept = remember();
    for (const id of ["title", "level", "diagram", "moments", "weak", "curve", "changes"]) {
      const el = byId(id);
      if (el && html[id] !== undefined) el.innerHTML = html[id];
    }
    const label = byId("diagram");
    if (label && state.label) label.setAttribute("aria-label", state.label);
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
    if (debug && !body.classList.contains("participant")) {
      const page = state.ready ? ` · ${data.shownLabel} ${Math.max(0, shown - state.ready * 1000).toFixed(0)} ms` : "";
      debug.innerHTML = html.debug + page;
    }
    if ("prev" in state) around(state);
    // What the latest save changed, marked in the drawing (the list and the line say it in words).
    const changed = new Set(state.changed || []);
    for (const g of document.querySelectorAll("#diagram g.node")) {
      const name = g.querySelector("title");
      if (name && changed.has(name.textContent)) g.classList.add("changed");
    }
    previous = Boolean(state.previous);
    body.classList.toggle("previous", previous);
    const note = byId("showing-previous");
    if (note) note.hidden = !previous;
    const button = byId("previous-version");
    if (button) {
      button.setAttribute("aria-pressed", String(previous));
      if (!previous) button.disabled = !state.has_previous;
    }
    syncLinks();
    restore(kept);
  }

  async function showPrevious(on) {
    if (on === previous) return;
    if (!on) { previous = false; refresh(true); return; }
    try {
      const response = await fetch("/api/previous/" + encodeKey(data.key) + "?layout=" + layout, { cache: "no-store" });
      if (!response.ok) return;
      apply(await response.json());
    } catch (err) { /* the server is away: the banner says so */ }
  }

  async function refresh(force) {
    if (busy) { again = true; return; }
    busy = true;
    try {
      do {
        again = false;
        const response = await fetch("/api/cycle/" + encodeKey(data.key) + "?layout=" + layout, { cache: "no-store" });
        if (response.status === 404) { location.href = "/"; return; }
        if (!response.ok) return;
        const state = await response.json();
        // Nothing new (another cycle changed, say): the links may still have.
        // (Showing the previous version, a save brings the page back to the latest.)
        if (force || previous || state.version !== version || state.layout !== data.layout) apply(state);
        else around(state);
        force = false;
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

  // -- the push channel -------------------------------------------------------------
  function lostState(lost) {
    const live = byId("live");
    const banner = byId("lost");
    live.textContent = lost ? data.lostLabel : "";
    live.classList.toggle("lost", lost);
    if (banner) banner.hidden = !lost;
    data.live = lost ? "lost" : "on";
  }

  function receive(message) {
    const type = message.type;
    if (type === "lost") { lostState(true); return; }
    const payload = message.data;
    if (type === "hello") {
      // Another server answers (restarted: its versions begin again): start afresh.
      if (data.server && payload.server && payload.server !== data.server) { location.reload(); return; }
      lostState(false);
      if (isCycle) {
        if (payload.versions[data.key] !== undefined && payload.versions[data.key] !== version) refresh();
      } else if (payload.index !== version) refreshIndex();
    } else if (type === "change") {
      if (isCycle && payload.key === data.key && payload.version !== version) refresh();
    } else if (type === "index") {
      if (!isCycle && payload.version !== version) refreshIndex();
      // A cycle page asks again: its file may be gone (then it goes to the index), or a
      // neighbour came or went (its ← → links).
      if (isCycle) refresh();
    }
  }

  function listen() {
    data.channel = "shared";
    if (typeof SharedWorker === "function") {
      try {
        const worker = new SharedWorker("/assets/events.js", { name: "cyclemap-events" });
        worker.port.onmessage = (e) => receive(e.data);
        worker.port.start();
        window.addEventListener("pagehide", () => worker.port.postMessage("bye"));
        return;
      } catch (err) { /* no shared worker here (some phones): a channel of its own */ }
    }
    data.channel = "own";
    const source = new EventSource("/events");
    for (const type of ["hello", "change", "index"]) {
      source.addEventListener(type, (e) => receive({ type, data: JSON.parse(e.data) }));
    }
    source.onerror = () => receive({ type: "lost" });
  }

  // -- keys ---------------------------------------------------------------------------
  function setLayout(name) {
    if (!LAYOUTS.includes(name) || name === layout) return;
    layout = name;
    syncLinks();
    if (previous) { previous = false; showPrevious(true); } else refresh();
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

  const participant = body.classList.contains("participant");
  const singleKeys = () => !participant && localStorage.getItem(KEYS_STORE) !== "off";

  function showKeysSetting() {
    const button = byId("single-keys");
    if (!button) return;
    const on = singleKeys();
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? data.keysOnLabel : data.keysOffLabel;
    const keys = byId("keys");
    if (keys) keys.hidden = !on;
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const key = e.key;
    // Arrow keys and Page keys are not single characters; the rest can be switched off
    // (WCAG 2.1.4), with the button in the footer.
    const single = key.length === 1;
    if (single && !singleKeys()) return;
    if (key === "i" || key === "I") { location.href = "/"; return; }
    if (!isCycle) return;
    const at = LAYOUTS.indexOf(layout);
    if (key === "ArrowRight" || key === "PageDown") go("next");
    else if (key === "ArrowLeft" || key === "PageUp") go("prev");
    else if (key === "l" || key === "L") setLayout(LAYOUTS[(at + 1) % LAYOUTS.length]);
    else if (key === "1" || key === "2" || key === "3") setLayout(LAYOUTS[Number(key) - 1]);
    else if (key === "p" || key === "P") togglePresent();
    else if (key === "v" || key === "V") showPrevious(!previous);
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
    const previousButton = byId("previous-version");
    if (previousButton) {
      previousButton.disabled = !(document.querySelector("#changes") || {}).textContent;
      previousButton.addEventListener("click", () => showPrevious(!previous));
    }
    const presentButton = byId("present");
    if (presentButton) presentButton.addEventListener("click", () => togglePresent());
    window.addEventListener("resize", fit);
    fit();
  }
  const keysButton = byId("single-keys");
  if (keysButton) {
    keysButton.addEventListener("click", () => {
      localStorage.setItem(KEYS_STORE, singleKeys() ? "off" : "on");
      showKeysSetting();
    });
    showKeysSetting();
  }
  document.addEventListener("keydown", onKey);
  listen();
})();
