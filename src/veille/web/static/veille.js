// veille web UI: hash-routed views over the JSON API. Plain JS + SVG, no library.
// Every value from the server is inserted with textContent or setAttribute, never as HTML.
(function () {
  "use strict";
  var QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  var QUAD_COLS = { 1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict" };
  var COLOURS = { 1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a04b", 4: "#c8372d" };
  var TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  var SVG = "http://www.w3.org/2000/svg";
  var PAGE = 50;

  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function setAttrs(node, attrs) {
    for (var k in attrs || {}) {
      if (attrs[k] === null || attrs[k] === undefined) continue;
      if (k === "text") node.textContent = String(attrs[k]);
      else if (k === "onclick") node.addEventListener("click", attrs[k]);
      else node.setAttribute(k, String(attrs[k]));
    }
  }
  function append(node, child) {
    if (child === null || child === undefined) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  function app() { return document.getElementById("app"); }
  function show() { var a = app(); a.replaceChildren(); for (var i = 0; i < arguments.length; i++) append(a, arguments[i]); }
  function enc(s) { return encodeURIComponent(s); }
  function qs(params) {
    var parts = [];
    for (var k in params) if (params[k] !== "" && params[k] !== null && params[k] !== undefined) parts.push(enc(k) + "=" + enc(params[k]));
    return parts.length ? "?" + parts.join("&") : "";
  }
  function api(path) {
    return fetch(path, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body.error && body.error.message) || ("HTTP " + r.status));
        return body;
      });
    });
  }
  function failed(err) { show(el("p", { "class": "error", text: String(err.message || err) })); }

  function entity(e) {
    if (!e) return el("span", { "class": "meta", text: "—" });
    if (e.key) return el("a", { href: "#/actor/" + enc(e.key), title: e.text || "", text: e.key });
    return el("span", { text: e.text || "?" });
  }
  function docLink(ev) {
    return "/ui/documents/" + enc(ev.doc_id) + "?event=" + enc(ev.event_id) + "#ev-" + enc(ev.event_id);
  }
  function typeBadge(ev) { return el("span", { "class": "type q" + (ev.quad_class || ""), text: ev.type }); }
  function eventsTable(events) {
    if (!events.length) return el("p", { "class": "meta", text: "No events." });
    return el("table", { "class": "events" },
      el("thead", null, el("tr", null, ["date", "type", "actor", "recipient", "modality", "evidence", ""].map(function (h) { return el("th", { text: h }); }))),
      el("tbody", null, events.map(function (ev) {
        var evid = ev.evidence || {};
        return el("tr", { "data-event": ev.event_id },
          el("td", { text: ev.date || "" }), el("td", null, typeBadge(ev)), el("td", null, entity(ev.actor)),
          el("td", null, entity(ev.recipient)), el("td", { text: ev.modality || "" }),
          el("td", { text: evid.text || "" }),
          el("td", null, el("a", { "class": "event-link", href: docLink(ev), text: "document →" })));
      })));
  }
  function parseHash() {
    var h = location.hash.replace(/^#\/?/, "");
    var q = h.indexOf("?");
    var path = (q >= 0 ? h.slice(0, q) : h).split("/").filter(Boolean).map(decodeURIComponent);
    var params = {};
    if (q >= 0) new URLSearchParams(h.slice(q + 1)).forEach(function (v, k) { params[k] = v; });
    return { path: path, params: params };
  }

  // -- events list ----------------------------------------------------------------
  function viewEvents(params) {
    var offset = parseInt(params.offset || "0", 10) || 0;
    var form = el("form", { "class": "filters", id: "event-filters" },
      ["actor", "recipient"].map(function (k) { return el("label", null, k, el("input", { name: k, value: params[k] || "", size: 8 })); }),
      el("label", null, "type", el("select", { name: "type" }, el("option", { value: "", text: "any" }),
        TYPES.map(function (t) { var o = el("option", { value: t, text: t }); if (params.type === t) o.selected = true; return o; }))),
      ["since", "until"].map(function (k) { return el("label", null, k, el("input", { name: k, type: "date", value: params[k] || "" })); }),
      el("button", { type: "submit", text: "Filter" }));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var p = {}; new FormData(form).forEach(function (v, k) { p[k] = v; });
      location.hash = "#/events" + qs(p);
    });
    var filters = { actor: params.actor, recipient: params.recipient, type: params.type, since: params.since, until: params.until };
    show(el("h1", { text: "Events" }), form, el("p", { "class": "meta", text: "Loading…" }));
    api("/events" + qs(Object.assign({ limit: PAGE + 1, offset: offset }, filters))).then(function (events) {
      var more = events.length > PAGE;
      events = events.slice(0, PAGE);
      var pager = el("div", { "class": "pager" },
        offset > 0 ? el("a", { href: "#/events" + qs(Object.assign({}, filters, { offset: Math.max(0, offset - PAGE) })), text: "← previous" }) : null,
        el("span", { "class": "meta", text: events.length ? "events " + (offset + 1) + "–" + (offset + events.length) : "" }),
        more ? el("a", { href: "#/events" + qs(Object.assign({}, filters, { offset: offset + PAGE })), text: "next →" }) : null);
      var dyad = params.actor && params.recipient ?
        el("p", null, el("a", { href: "#/dyad/" + enc(params.actor) + "/" + enc(params.recipient), text: "timeline of this dyad →" })) : null;
      show(el("h1", { text: "Events" }), form, dyad, pager, eventsTable(events));
    }).catch(failed);
  }

  // -- actors -----------------------------------------------------------------------
  function viewActors() {
    api("/actors?limit=50").then(function (data) {
      show(el("h1", { text: "Actors" }), el("div", { "class": "cols" },
        el("section", null, el("h2", { text: "Most active entities" }), el("table", null,
          el("thead", null, el("tr", null, el("th", { text: "key" }), el("th", { text: "most frequent name" }), el("th", { "class": "num", text: "events" }),
            el("th", { "class": "num", text: "as actor" }), el("th", { "class": "num", text: "as recipient" }))),
          el("tbody", null, data.entities.map(function (e) {
            return el("tr", null, el("td", null, el("a", { href: "#/actor/" + enc(e.key), text: e.key })), el("td", { text: e.top_name || "" }),
              el("td", { "class": "num", text: e.events }), el("td", { "class": "num", text: e.as_actor }), el("td", { "class": "num", text: e.as_recipient }));
          })))),
        el("section", null, el("h2", { text: "Most active dyads" }), dyadTable(data.dyads))));
    }).catch(failed);
  }
  function dyadTable(dyads) {
    if (!dyads.length) return el("p", { "class": "meta", text: "No dyads." });
    return el("table", null,
      el("thead", null, el("tr", null, el("th", { text: "dyad" }), el("th", { "class": "num", text: "events" }), el("th", { "class": "num", text: "a→b" }),
        el("th", { "class": "num", text: "b→a" }), el("th", { "class": "num", text: "mean Goldstein" }))),
      el("tbody", null, dyads.map(function (d) {
        return el("tr", null, el("td", null, el("a", { "class": "dyad-link", href: "#/dyad/" + enc(d.a) + "/" + enc(d.b), text: d.a + " – " + d.b })),
          el("td", { "class": "num", text: d.events }), el("td", { "class": "num", text: d.a_to_b }), el("td", { "class": "num", text: d.b_to_a }),
          el("td", { "class": "num", text: d.mean_goldstein === null ? "" : d.mean_goldstein.toFixed(2) }));
      })));
  }
  function viewActor(key) {
    show(el("h1", { text: key }), el("p", { "class": "meta", text: "Loading…" }));
    Promise.all([api("/actors?limit=1000").catch(function () { return api("/actors"); }), api("/events" + qs({ actor: key, limit: PAGE })),
                 api("/events" + qs({ recipient: key, limit: PAGE })), api("/actors/" + enc(key) + "/quotes?limit=50")])
      .then(function (r) {
        var me = r[0].entities.filter(function (e) { return e.key === key; })[0];
        var dyads = r[0].dyads.filter(function (d) { return d.a === key || d.b === key; });
        show(el("h1", null, key, me && me.top_name ? el("span", { "class": "meta", text: " most often: " + me.top_name }) : null),
          el("p", { "class": "meta", text: me ? me.events + " events: " + me.as_actor + " as actor, " + me.as_recipient + " as recipient" : "No events." }),
          el("h2", { text: "Dyads" }), dyadTable(dyads),
          el("h2", { text: "As actor (first " + PAGE + ")" }), eventsTable(r[1]),
          el("h2", { text: "As recipient (first " + PAGE + ")" }), eventsTable(r[2]),
          el("h2", { text: "Quotes" }), r[3].length ? r[3].map(function (q) {
            return el("div", { "class": "quote" }, el("div", { text: "« " + q.content + " »" }),
              el("div", { "class": "meta" }, (q.speaker && q.speaker.text || "") + " · " + (q.document.title || q.doc_id) + " · ",
                el("a", { href: "/ui/documents/" + enc(q.doc_id), text: "document" })));
          }) : el("p", { "class": "meta", text: "No quotes." }));
      }).catch(failed);
  }

  // -- dyad timeline ------------------------------------------------------------------
  function viewDyad(a, b, params) {
    var by = params.by === "week" ? "week" : "month";
    var select = el("select", { id: "dyad-by" }, ["month", "week"].map(function (p) { var o = el("option", { value: p, text: "per " + p }); if (p === by) o.selected = true; return o; }));
    select.addEventListener("change", function () { location.hash = "#/dyad/" + enc(a) + "/" + enc(b) + "?by=" + select.value; });
    show(el("h1", { text: "Dyad " + a + " – " + b }), el("p", { "class": "meta", text: "Loading…" }));
    api("/dyads/" + enc(a) + "/" + enc(b) + qs({ by: by })).then(function (data) {
      var list = el("section", { id: "period-events" }, el("p", { "class": "meta", text: "Click a bar to list the events of that " + by + "." }));
      var legend = el("div", { "class": "legend" }, [1, 2, 3, 4].map(function (q) { return el("span", null, el("i", { "class": "q" + q }), QUADS[q]); }));
      show(el("h1", { text: "Dyad " + a + " – " + b }),
        el("p", null, select, " ", el("a", { href: "#/events" + qs({ actor: a, recipient: b }), text: a + " → " + b + " events" }), " · ",
          el("a", { href: "#/events" + qs({ actor: b, recipient: a }), text: b + " → " + a + " events" })),
        legend, chart(data, a, b, by, list),
        data.too_coarse ? el("p", { "class": "meta", text: data.too_coarse + " event(s) dated more coarsely than a " + by + " are not shown." }) : null,
        list);
    }).catch(failed);
  }
  function chart(data, a, b, by, list) {
    var periods = [], rows = {};
    data.periods.forEach(function (p) {
      if (!rows[p.period]) { rows[p.period] = {}; periods.push(p.period); }
      rows[p.period][p.direction] = p;
    });
    if (!periods.length) return el("p", { "class": "meta", text: "No dated events between " + a + " and " + b + "." });
    var fwd = a + "->" + b, back = b + "->" + a;
    var max = 1;
    periods.forEach(function (p) { max = Math.max(max, (rows[p][fwd] || {}).events || 0, (rows[p][back] || {}).events || 0); });
    var left = 56, top = 28, half = 130, bw = Math.max(10, Math.min(80, Math.floor(900 / periods.length))), gap = 6;
    var width = Math.max(600, left + periods.length * (bw + gap) + 20), height = top + 2 * half + 60, mid = top + half;
    var scale = half / max;
    var g = svg("svg", { "class": "chart", id: "dyad-chart", width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Dyad timeline " + a + " " + b });
    append(g, svg("title", { text: "Events per " + by + ": " + a + " → " + b + " above, " + b + " → " + a + " below" }));
    append(g, svg("text", { x: left, y: 14, text: "↑ " + a + " → " + b }));
    append(g, svg("text", { x: left, y: height - 6, text: "↓ " + b + " → " + a + "   (events per " + by + ")" }));
    [max, Math.round(max / 2), 0].forEach(function (v) {
      [1, -1].forEach(function (s) {
        if (v === 0 && s < 0) return;
        var y = mid - s * v * scale;
        append(g, svg("line", { x1: left - 4, x2: width - 10, y1: y, y2: y, stroke: v === 0 ? "#000" : "#eee" }));
        append(g, svg("text", { x: left - 8, y: y + 4, "text-anchor": "end", text: String(v) }));
      });
    });
    var step = Math.max(1, Math.ceil(periods.length / 20));
    periods.forEach(function (p, i) {
      var x = left + i * (bw + gap);
      var hit = svg("rect", { "class": "hit", x: x - gap / 2, y: top, width: bw + gap, height: 2 * half, "data-period": p });
      append(hit, svg("title", { text: p }));
      var pick = function () {
        Array.prototype.forEach.call(g.querySelectorAll(".hit.active"), function (n) { n.classList.remove("active"); });
        hit.classList.add("active");
        periodEvents(a, b, by, p, list);
      };
      hit.addEventListener("click", pick);
      append(g, hit);
      [[fwd, -1], [back, 1]].forEach(function (d) {
        var row = rows[p][d[0]] || {}, y = mid;
        [1, 2, 3, 4].forEach(function (q) {
          var n = row[QUAD_COLS[q]] || 0;
          if (!n) return;
          var h = n * scale, ry = d[1] < 0 ? y - h : y;
          var bar = svg("rect", { "class": "bar", x: x, y: ry, width: bw, height: h, fill: COLOURS[q], "data-period": p, "data-direction": d[0], "data-quad": q });
          append(bar, svg("title", { text: p + " " + d[0].replace("->", " → ") + ": " + n + " " + QUADS[q] }));
          bar.addEventListener("click", pick);
          append(g, bar);
          y = d[1] < 0 ? y - h : y + h;
        });
      });
      if (i % step === 0) append(g, svg("text", { x: x + bw / 2, y: mid + half + 16, "text-anchor": "middle", text: p }));
    });
    return g;
  }
  function periodEvents(a, b, by, period, list) {
    list.replaceChildren(el("h2", { text: "Events of " + period }), el("p", { "class": "meta", text: "Loading…" }));
    api("/dyads/" + enc(a) + "/" + enc(b) + "/events" + qs({ by: by, period: period })).then(function (events) {
      list.replaceChildren(el("h2", { text: "Events of " + period + " (" + events.length + ")" }), eventsTable(events));
    }).catch(function (err) { list.replaceChildren(el("p", { "class": "error", text: String(err.message || err) })); });
  }

  // -- search -------------------------------------------------------------------------
  function viewSearch(params) {
    var input = el("input", { name: "q", value: params.q || "", size: 40, placeholder: "text in evidence or documents" });
    var form = el("form", { "class": "filters" }, input, el("button", { type: "submit", text: "Search" }));
    form.addEventListener("submit", function (e) { e.preventDefault(); location.hash = "#/search" + qs({ q: input.value }); });
    if (!params.q) { show(el("h1", { text: "Search" }), form); return; }
    api("/search" + qs({ q: params.q })).then(function (r) {
      show(el("h1", { text: "Search" }), form,
        el("h2", { text: "Events (" + r.events.length + ")" }), eventsTable(r.events),
        el("h2", { text: "Documents (" + r.documents.length + ")" }),
        el("ul", null, r.documents.map(function (d) {
          return el("li", null, el("a", { href: "/ui/documents/" + enc(d.doc_id), text: d.title || d.doc_id }),
            el("span", { "class": "meta", text: " " + (d.date || "") }), el("div", { "class": "meta", text: d.snippet }));
        })));
    }).catch(failed);
  }

  function route() {
    var h = parseHash(), p = h.path;
    if (p[0] === "dyad" && p.length >= 3) viewDyad(p[1], p[2], h.params);
    else if (p[0] === "actor" && p[1]) viewActor(p[1]);
    else if (p[0] === "actors") viewActors();
    else if (p[0] === "search") viewSearch(h.params);
    else viewEvents(h.params);
  }
  window.addEventListener("hashchange", route);
  document.addEventListener("DOMContentLoaded", route);
})();
