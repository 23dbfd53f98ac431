// Citations on the page (the chapter's cite box, each claim's "cite this claim"): the reader's
// date of access in each citation, a copy button beside each citation block, and "cite this
// claim" opening the claim's folded citation. A classic script, deferred; nothing here is needed
// to read a citation, only to copy it.
(() => {
  "use strict";
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const iso = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const long = `${MONTHS[now.getMonth()]} ${now.getDate()}, ${now.getFullYear()}`;

  // The access date: "Retrieved <date>, from" before the URL (APA), "; accessed <date>" in the
  // BibTeX note.
  for (const span of document.querySelectorAll(".cite-accessed")) {
    span.textContent = span.dataset.style === "bibtex" ? `; accessed ${iso}` : `Retrieved ${long}, from `;
  }

  function copyWithSelection(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    area.remove();
    return done;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(() => true, () => copyWithSelection(text));
    }
    return Promise.resolve(copyWithSelection(text));
  }

  for (const block of document.querySelectorAll(".cite-block")) {
    const what = block.dataset.copyLabel || "citation";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = `Copy ${what}`;
    button.setAttribute("aria-label", `Copy the ${what} citation`);
    const status = document.createElement("span");
    status.className = "cite-copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", () => {
      copy(block.textContent.trim() + "\n").then((done) => {
        status.textContent = done ? `${what} copied` : "Select the text and copy it";
        window.setTimeout(() => { status.textContent = ""; }, 3000);
      });
    });
    const bar = document.createElement("div");
    bar.className = "cite-copy-bar";
    bar.append(button, status);
    block.insertAdjacentElement("afterend", bar);
  }

  // "cite this claim" opens the claim's folded citation, also when the page is opened at it.
  function openCitation(hash) {
    const target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target && target.tagName === "DETAILS") {
      target.open = true;
    }
  }
  for (const link of document.querySelectorAll("a.claim-cite")) {
    link.addEventListener("click", () => openCitation(link.hash));
  }
  window.addEventListener("hashchange", () => openCitation(window.location.hash));
  openCitation(window.location.hash);
})();
