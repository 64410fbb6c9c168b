// The report's only script (its hash is in the page's Content-Security-Policy). It selects a
// claim wherever it is clicked, zooms and pans the map through its viewBox, and focuses the map
// on a speaker or a claim's neighbourhood. It copies the page's own elements and sets text
// only through textContent, never as HTML. Without it the page still reads and links work.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var svg = document.querySelector("#map-view svg");
  var view = document.getElementById("map-view");
  var panel = document.getElementById("panel");
  var selected = null;

  function byId(id) { return document.getElementById(id); }
  function claimNode(id) { return svg ? byId("claim-" + id) : null; }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // --- folded sections ---------------------------------------------------------------------
  // The page is written with them open, so that without a script everything shows and every
  // link lands. Here they fold; whatever a link or a selection leads into opens its fold
  // again, and printing opens them all.
  var folds = document.querySelectorAll("details.fold");
  function unfold(element) {
    for (var el = element; el; el = el.parentElement) {
      if (el.tagName === "DETAILS" && el.classList.contains("fold")) { el.open = true; }
    }
  }
  function linked(href) {
    if (!href || href.charAt(0) !== "#" || href.length < 2) { return null; }
    try { return byId(decodeURIComponent(href.slice(1))); } catch (e) { return null; }
  }
  function landOnTarget() {
    var target = linked(location.hash);
    if (target) { unfold(target); target.scrollIntoView(); }
  }
  each(folds, function (d) { d.open = false; });
  landOnTarget();
  window.addEventListener("hashchange", landOnTarget);
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    var target = link ? linked(link.getAttribute("href")) : null;
    if (target) { unfold(target); }
  });
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(folds, function (d) { return !d.open; });
    folded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
  });

  // --- selecting a claim -----------------------------------------------------------------
  function quoteMarks(id) {
    var out = [];
    each(document.querySelectorAll("mark.claim-quote"), function (mark) {
      if ((mark.getAttribute("data-claims") || "").split(" ").indexOf(id) >= 0) { out.push(mark); }
    });
    return out;
  }

  function fillPanel(id, row) {
    if (!panel) { return; }
    var body = byId("panel-body");
    body.textContent = "";
    ["claim-text", "meta", "quote", "outcome", "links"].forEach(function (name) {
      var part = row.querySelector("." + name);
      if (!part || !part.textContent.trim()) { return; }
      var copy = document.createElement(name === "outcome" || name === "links" ? "div" : "p");
      copy.className = name;
      if (name === "outcome") { copy.appendChild(document.createTextNode("Outcome: ")); }
      var inner = part.querySelector(".relation-lists") || part;
      each(inner.childNodes, function (child) { copy.appendChild(child.cloneNode(true)); });
      if (name === "claim-text") { copy.className = "claim-text"; }
      body.appendChild(copy);
    });
    panel.hidden = false;
  }

  function select(id, scroll) {
    var row = byId("row-" + id);
    if (!row) { return false; }
    each(document.querySelectorAll(".current"), function (el) { el.classList.remove("current"); });
    if (svg) { each(svg.querySelectorAll("g.node.claim.selected"), function (g) { g.classList.remove("selected"); }); }
    selected = id;
    var node = claimNode(id);
    if (node) { node.classList.add("selected"); }
    row.classList.add("current");
    var marks = quoteMarks(id);
    marks.forEach(function (mark) { mark.classList.add("current"); });
    fillPanel(id, row);
    var focusButton = byId("focus-claim");
    if (focusButton) { focusButton.disabled = !node; }
    var target = marks.length ? marks[0] : row;
    unfold(target);
    if (scroll) {
      target.scrollIntoView({ block: "center" });
      // On a narrow screen the panel covers the foot of the window: centre the quote in what
      // is left above it, or the panel hides the end of the quote it was opened for.
      var cover = panel && !panel.hidden ? panel.getBoundingClientRect() : null;
      if (cover && cover.bottom >= window.innerHeight - 1 && cover.top > 0) {
        var r = target.getBoundingClientRect();
        window.scrollBy(0, Math.min(r.top - 8, (r.top + r.bottom) / 2 - cover.top / 2));
      }
      var link = target.querySelector("a");
      if (link) { link.focus({ preventScroll: true }); }
    }
    return true;
  }

  function deselect() {
    each(document.querySelectorAll(".current"), function (el) { el.classList.remove("current"); });
    if (svg) { each(svg.querySelectorAll("g.node.claim.selected"), function (g) { g.classList.remove("selected"); }); }
    selected = null;
    if (panel) { panel.hidden = true; }
  }
  var panelClose = byId("panel-close");
  if (panelClose) { panelClose.addEventListener("click", deselect); }
  // Escape undoes what the reader did last: a focused map goes back to fit, else the
  // selected claim is let go and its panel closed.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    if (svg && svg.classList.contains("focusing")) { fit(); } else { deselect(); }
  });

  // One listener for every link to a claim: findings, source marks, table, panel copies.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-claim]") : null;
    if (!link) { return; }
    if (select(link.getAttribute("data-claim"), true)) { event.preventDefault(); }
  });

  if (!svg) { return; }

  // --- the map: claims are keyboard targets ------------------------------------------------
  var moved = false;
  each(svg.querySelectorAll("g.node.claim"), function (group) {
    var id = group.id.slice("claim-".length);
    var row = byId("row-" + id);
    var text = row ? row.querySelector(".claim-text") : null;
    group.setAttribute("tabindex", "0");
    group.setAttribute("role", "button");
    group.setAttribute("aria-label", text ? text.textContent : id);
    group.addEventListener("click", function (event) {
      event.preventDefault();
      if (!moved) { select(id, true); }
    });
    group.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(id, true);
      }
    });
  });

  // --- zoom and pan through the viewBox ------------------------------------------------------
  var box = svg.viewBox.baseVal;
  var home = [box.x, box.y, box.width, box.height];
  var current = home.slice();
  function apply() { svg.setAttribute("viewBox", current.join(" ")); }
  function scale() {
    var rect = svg.getBoundingClientRect();
    return Math.max(current[2] / rect.width, current[3] / rect.height);
  }
  function zoom(factor, clientX, clientY) {
    var rect = svg.getBoundingClientRect();
    var s = scale();
    var x = current[0] + (current[2] - rect.width * s) / 2 + (clientX - rect.left) * s;
    var y = current[1] + (current[3] - rect.height * s) / 2 + (clientY - rect.top) * s;
    current = [x - (x - current[0]) * factor, y - (y - current[1]) * factor,
               current[2] * factor, current[3] * factor];
    apply();
  }
  function zoomCentre(factor) {
    // About the middle of the part of the map in the window: a tall map is wider than the
    // window is high, and its own middle may be out of sight.
    var rect = svg.getBoundingClientRect();
    var top = Math.max(rect.top, 0);
    var bottom = Math.min(rect.bottom, window.innerHeight);
    zoom(factor, rect.left + rect.width / 2,
         bottom > top ? (top + bottom) / 2 : rect.top + rect.height / 2);
  }
  function pan(dx, dy) {
    current = [current[0] + dx * current[2], current[1] + dy * current[3], current[2], current[3]];
    apply();
  }
  // The wheel scrolls the page past a tall map; with Ctrl (or a touchpad's pinch, which the
  // browser sends as Ctrl + wheel) it zooms the map.
  svg.addEventListener("wheel", function (event) {
    if (!event.ctrlKey && !event.metaKey) { return; }
    event.preventDefault();
    zoom(event.deltaY > 0 ? 1.2 : 1 / 1.2, event.clientX, event.clientY);
  }, { passive: false });
  var start = null;
  svg.addEventListener("pointerdown", function (event) {
    start = { x: event.clientX, y: event.clientY, view: current.slice(), scale: scale() };
    moved = false;
  });
  svg.addEventListener("pointermove", function (event) {
    if (!start) { return; }
    var dx = event.clientX - start.x;
    var dy = event.clientY - start.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    if (!moved) { svg.setPointerCapture(event.pointerId); }
    moved = true;
    current = [start.view[0] - dx * start.scale, start.view[1] - dy * start.scale,
               current[2], current[3]];
    apply();
  });
  function stop() { start = null; }
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);
  view.addEventListener("keydown", function (event) {
    var keys = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] };
    if (keys[event.key]) { pan(keys[event.key][0], keys[event.key][1]); }
    else if (event.key === "+" || event.key === "=") { zoomCentre(1 / 1.5); }
    else if (event.key === "-" || event.key === "_") { zoomCentre(1.5); }
    else if (event.key === "0") { fit(); }
    else { return; }
    event.preventDefault();
  });

  // --- focus on a speaker or on a claim's neighbourhood -------------------------------------
  function unfocus() {
    svg.classList.remove("focusing");
    each(svg.querySelectorAll(".in-focus"), function (g) { g.classList.remove("in-focus"); });
  }
  function fit() { unfocus(); current = home.slice(); apply(); var s = byId("focus-speaker"); if (s) { s.value = ""; } }
  function frame(groups) {
    // The groups' bounding box in the SVG's user space, with a margin, becomes the view.
    var root = svg.getScreenCTM().inverse();
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    groups.forEach(function (group) {
      var r = group.getBoundingClientRect();
      [[r.left, r.top], [r.right, r.bottom]].forEach(function (corner) {
        var p = svg.createSVGPoint();
        p.x = corner[0]; p.y = corner[1];
        p = p.matrixTransform(root);
        x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y);
      });
    });
    if (!isFinite(x0)) { return; }
    var pad = Math.max(x1 - x0, y1 - y0) * 0.08 + 10;
    x0 -= pad; y0 -= pad; x1 += pad; y1 += pad;
    // The map may be taller than the window: fit the groups into a window's height at the
    // top of the map, never smaller than at fit (the page's width), and centred across it.
    var rect = svg.getBoundingClientRect();
    var band = Math.min(rect.height, window.innerHeight - 16);
    var s = Math.max(Math.min(rect.width / (x1 - x0), band / (y1 - y0)), rect.width / home[2]);
    var spare = Math.max(band / s - (y1 - y0), 0);
    current = [(x0 + x1) / 2 - rect.width / s / 2, y0 - spare / 2, rect.width / s, rect.height / s];
    apply();
    reveal(groups);
  }
  function reveal(groups) {
    // The map may be taller than the window: scroll so that what is framed is in sight
    // (its middle in the window's, or its top at the top when it is taller than the window).
    var top = Infinity, bottom = -Infinity;
    groups.forEach(function (group) {
      var r = group.getBoundingClientRect();
      top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
    });
    if (!isFinite(top) || (top >= 0 && bottom <= window.innerHeight)) { return; }
    var room = window.innerHeight;
    window.scrollBy(0, bottom - top > room ? top - 16 : (top + bottom) / 2 - room / 2);
  }
  function focusOn(groups) {
    current = home.slice();
    apply();
    unfocus();
    svg.classList.add("focusing");
    groups.forEach(function (g) { g.classList.add("in-focus"); });
    // The speaker's box and every claim in focus: in components, a speaker's linked claims
    // stand in groups outside the box that holds their unlinked ones.
    frame(groups.filter(function (g) {
      return g.classList.contains("cluster") || g.classList.contains("node");
    }));
  }
  function focusSpeaker(speaker) {
    if (!speaker) { fit(); return; }
    var cluster = byId("speaker-" + speaker);
    var groups = cluster ? [cluster] : [];
    each(svg.querySelectorAll("g.node.claim"), function (g) {
      if (!g.classList.contains("speaker-" + speaker)) { return; }
      groups.push(g);
      var n = data.neighbours[g.id.slice("claim-".length)];
      if (n) { n[1].forEach(function (key) { var e = byId("relation-" + key); if (e) { groups.push(e); } }); }
    });
    focusOn(groups);
  }
  function focusClaim(id) {
    var n = data.neighbours[id] || [[id], []];
    var groups = [];
    n[0].concat([id]).forEach(function (other) { var g = claimNode(other); if (g && groups.indexOf(g) < 0) { groups.push(g); } });
    n[1].forEach(function (key) { var edge = byId("relation-" + key); if (edge) { groups.push(edge); } });
    focusOn(groups);
    // A neighbourhood taller than the window is shown from its top: bring the claim itself
    // into sight, wherever it stands in it.
    var own = claimNode(id);
    if (own) {
      var r = own.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) {
        window.scrollBy(0, (r.top + r.bottom) / 2 - window.innerHeight / 2);
      }
    }
  }

  byId("zoom-in").addEventListener("click", function () { zoomCentre(1 / 1.5); });
  byId("zoom-out").addEventListener("click", function () { zoomCentre(1.5); });
  byId("zoom-reset").addEventListener("click", fit);
  byId("focus-speaker").addEventListener("change", function (event) { focusSpeaker(event.target.value); });
  byId("focus-claim").addEventListener("click", function () { if (selected) { focusClaim(selected); } });
  var panelFocus = byId("panel-focus");
  if (panelFocus) {
    panelFocus.addEventListener("click", function () {
      if (!selected) { return; }
      byId("map").scrollIntoView({ block: "start" });
      focusClaim(selected);
      view.focus({ preventScroll: true });
    });
  }
  window.addEventListener("beforeprint", fit);
  document.querySelector("#map .toolbar").hidden = false;
})();
