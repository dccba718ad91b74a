// loa preview: reloads the page when the site is rebuilt. Injected by `loa serve` only.
(function () {
  var source = new EventSource("/__loa/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function () {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("loa", Date.now());
      links[i].href = url.toString();
    }
  });
  source.addEventListener("error", function (event) {
    if (!event.data) { return; }
    var old = document.getElementById("loa-overlay");
    if (old) { old.remove(); }
    document.body.insertAdjacentHTML("beforeend", event.data);
  });
})();
