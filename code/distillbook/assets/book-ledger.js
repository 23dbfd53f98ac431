// The verdict page's ledger: filters by verdict and by section, an "open all" switch, and the
// claim a permalink names opened and in view. Without this script the reader gets the plain full
// list (the filters stay hidden), every claim a <details> element that opens by itself.
(function () {
  "use strict";
  var ledger = document.querySelector(".ledger");
  if (!ledger) return;
  var form = ledger.querySelector(".ledger-filters");
  var items = Array.prototype.slice.call(ledger.querySelectorAll(".ledger-item"));
  var status = form.querySelector(".ledger-status");
  var expand = form.querySelector(".ledger-expand");

  function apply() {
    var verdicts = Array.prototype.slice
      .call(form.querySelectorAll('input[name="verdict"]:checked'))
      .map(function (box) { return box.value; });
    var section = form.querySelector('select[name="section"]').value;
    var shown = 0;
    items.forEach(function (item) {
      var visible = verdicts.indexOf(item.dataset.verdict) >= 0 && (!section || item.dataset.section === section);
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    status.textContent = shown + " of " + items.length + " claims shown";
  }

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var item = id && document.getElementById(id);
    if (!item || !item.classList.contains("ledger-item")) return;
    item.hidden = false;  // a permalink always shows its claim, whatever the filters say
    item.querySelector("details").open = true;
    item.scrollIntoView({ block: "start" });
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  expand.addEventListener("click", function () {
    var open = expand.getAttribute("aria-pressed") !== "true";
    expand.setAttribute("aria-pressed", open ? "true" : "false");
    expand.textContent = open ? "Close all" : "Open all";
    items.forEach(function (item) { item.querySelector("details").open = open; });
  });
  window.addEventListener("hashchange", openTarget);
  apply();
  openTarget();
})();
