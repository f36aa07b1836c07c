// Sharing, enhanced: the links work without this. The two buttons keep their place while pending (invisible, not
// removed), so showing them moves nothing on the page. With it, "Copy link" copies the address and, where the browser
// offers the Web Share API (phones), "Share…" opens the system's own share sheet.
(function () {
  var box = document.querySelector("[data-share]");
  if (!box) return;
  var url = box.getAttribute("data-url");
  var title = box.getAttribute("data-title");
  var copy = box.querySelector("[data-share-copy]");
  var status = box.querySelector("[data-share-status]");
  if (copy && navigator.clipboard) {
    copy.removeAttribute("data-pending");
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(url).then(function () {
        status.textContent = copy.getAttribute("data-done");
      });
    });
  }
  var native = box.querySelector("[data-share-native]");
  if (native && navigator.share) {
    native.removeAttribute("data-pending");
    native.addEventListener("click", function () {
      navigator.share({ title: title, url: url }).catch(function () {});
    });
  }
})();
