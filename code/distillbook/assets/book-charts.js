// Makes interactive charts live without delaying the page. Every chart is first shown as the static
// SVG drawn at build time. This small script (a classic script, so it also runs when the site is
// opened from disk) loads the Vega runtime, served from this site, only when a live chart comes
// near the screen or the reader touches one, then draws the chart at its own size with its
// controls and a button that puts the controls back to the book's defaults.
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var bundleUrl = here ? here.replace(/book-charts\.js(\?.*)?$/, "vega-bundle.js") : "";
  // a printer (the PDFs) keeps the static charts: the default view, the same on every print
  var holders = window.bookStaticCharts ? [] : Array.prototype.slice.call(document.querySelectorAll(".book-chart--interactive"));
  var loading = null;

  function loadRuntime() {
    if (window.vegaEmbed) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = bundleUrl;
        script.async = true;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function draw(holder) {
    if (holder.dataset.rendered) return;
    holder.dataset.rendered = "loading";
    var specNode = holder.querySelector("script.book-chart-spec");
    var view = holder.querySelector(".book-chart-view");
    if (!specNode || !view) return;
    loadRuntime()
      .then(function () {
        var spec = JSON.parse(specNode.textContent);
        return window.vegaEmbed(view, spec, { renderer: "svg", actions: false }).then(function (result) {
          var svg = view.querySelector("svg");
          if (svg) {
            svg.setAttribute("role", "img");
            svg.setAttribute("aria-label", spec.description || "");
          }
          addReset(holder, view, spec, result);
          holder.dataset.rendered = "true";
        });
      })
      .catch(function (error) {
        holder.dataset.rendered = "failed";
        console.error(error);
      });
  }

  function addReset(holder, view, spec, result) {
    if (!spec.params || holder.querySelector(".book-chart-reset")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "book-chart-reset";
    button.textContent = "Reset to the book's defaults";
    button.addEventListener("click", function () {
      (spec.params || []).forEach(function (param) {
        if (param.bind && param.value !== undefined) result.view.signal(param.name, param.value);
      });
      result.view.runAsync();
    });
    holder.insertBefore(button, view.nextSibling);
  }

  // a chart wider than the column scrolls in its box: say so, and let the keyboard scroll it
  function markOverflow(holder) {
    var view = holder.querySelector(".book-chart-view");
    if (!view) return;
    var scrolls = view.scrollWidth > view.clientWidth + 1;
    holder.classList.toggle("book-chart--scrolls", scrolls);
    if (scrolls) {
      view.setAttribute("tabindex", "0");
      view.setAttribute("role", "region");
      // a region's name must be unique on the page: the chart's own description names it
      var svg = view.querySelector("svg");
      var described = svg ? (svg.getAttribute("aria-label") || "").split(". ")[0] : "";
      view.setAttribute("aria-label", (described || "Chart " + holder.id) + " (scrolls sideways)");
    } else {
      view.removeAttribute("tabindex");
      view.removeAttribute("role");
      view.removeAttribute("aria-label");
    }
  }

  var charts = Array.prototype.slice.call(document.querySelectorAll(".book-chart"));
  charts.forEach(markOverflow);
  window.addEventListener("resize", function () { charts.forEach(markOverflow); });

  holders.forEach(function (holder) {
    holder.addEventListener("pointerdown", function () { draw(holder); }, { once: true });
    holder.addEventListener("focusin", function () { draw(holder); }, { once: true });
  });
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "200px" });
    holders.forEach(function (holder) { observer.observe(holder); });
  } else {
    holders.forEach(draw);
  }
})();
