// Reports one view of this page, and how far down its text the reader got: no cookie, no storage, nothing about the
// reader but what any request carries. Readers who ask not to be tracked (Do Not Track, Global Privacy Control) send
// nothing.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) return;
  if (navigator.doNotTrack === "1" || navigator.globalPrivacyControl === true) return;
  var endpoint = script.dataset.endpoint;
  var token = script.dataset.target;

  function send(fields) {
    // text/plain: a "simple" request, which needs no preflight and carries no cookie-dependent state.
    navigator.sendBeacon(endpoint, new Blob([JSON.stringify(fields)], { type: "text/plain" }));
  }

  send({ t: token, r: document.referrer || "" });

  // Read depth: the share of the text (data-read-depth names it; pages without it measure nothing) whose end has been
  // above the bottom of the window, in quarters. Sent when the page is hidden or left, only when it grew since the
  // last report; the server counts each quarter once per view.
  var text = script.dataset.readDepth && document.querySelector(script.dataset.readDepth);
  if (!text) return;
  var reached = 0;
  var reported = 0;
  var pending = false;

  function measure() {
    pending = false;
    var box = text.getBoundingClientRect();
    if (box.height <= 0) return;
    var seen = (window.innerHeight - box.top) / box.height;
    var quarter = Math.min(4, Math.floor(seen * 4 + 0.001)) * 25;
    if (quarter > reached) reached = quarter;
  }

  function onScroll() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(measure);
    }
  }

  function report() {
    measure();
    if (reached > reported) {
      reported = reached;
      send({ t: token, d: reached });
    }
  }

  window.addEventListener("scroll", onScroll, { passive: true });
  window.addEventListener("resize", onScroll, { passive: true });
  window.addEventListener("pagehide", report);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") report();
  });
  // No measure() now: reading the text's box here would force the page's first layout inside this script; the first
  // scroll, or report() when the page is left, measures.
})();
