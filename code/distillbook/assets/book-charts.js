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
          labelSliders(view, spec, result);
          addReset(holder, view, spec, result);
          holder.dataset.rendered = "true";
        });
      })
      .catch(function (error) {
        holder.dataset.rendered = "failed";
        console.error(error);
      });
  }

  // A slider's value as a reader reads it: thousands separated, its decimals, a share as a
  // percentage, then its unit
  // (the same rule as slider_text in core/charts.py).
  function formatSlider(value, meta) {
    var decimals = (meta && meta.decimals) || 0;
    var percent = !!(meta && meta.percent);
    var number = percent ? Number(value) * 100 : Number(value);
    var text = number.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    if (percent) text += "%";
    return meta && meta.unit ? text + " " + meta.unit : text;
  }

  // Vega writes a slider's raw value beside it ("10", "0.5"): the book writes it with its unit and
  // separators instead (from the spec's usermeta, see charts.slider), for screen readers too, and
  // keeps it in step with the chart, whether the reader moves the slider or presses reset.
  function labelSliders(view, spec, result) {
    var sliders = (spec.usermeta && spec.usermeta.sliders) || {};
    Object.keys(sliders).forEach(function (name) {
      var input = view.querySelector('input[type="range"][name="' + name + '"]');
      if (!input || input.dataset.bookLabelled) return;
      input.dataset.bookLabelled = "true";
      var raw = input.nextElementSibling;
      if (raw && raw.tagName === "SPAN") raw.hidden = true;
      var output = document.createElement("output");
      output.className = "book-slider-value";
      input.parentNode.insertBefore(output, input.nextSibling);
      function show(value) {
        var text = formatSlider(value, sliders[name]);
        output.textContent = text;
        input.setAttribute("aria-valuetext", text);
      }
      show(result.view.signal(name));
      result.view.addSignalListener(name, function (_, value) { show(value); });
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

  // for the browser tests, which hold the script's texts to slider_text's in core/charts.py
  window.bookCharts = { formatSlider: formatSlider };

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
