// Reports one view of this page: no cookie, no storage, nothing about the reader but what any request carries.
// Readers who ask not to be tracked (Do Not Track, Global Privacy Control) send nothing.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) return;
  if (navigator.doNotTrack === "1" || navigator.globalPrivacyControl === true) return;
  var body = JSON.stringify({ t: script.dataset.target, r: document.referrer || "" });
  navigator.sendBeacon(script.dataset.endpoint, new Blob([body], { type: "text/plain" }));
})();
