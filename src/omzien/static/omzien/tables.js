// A table wider than its column scrolls sideways inside its container (omzien.css). So that a
// keyboard can scroll it too (WCAG 2.1.1), a container that scrolls is focusable and a region
// named after its table's caption; a container whose table fits adds no tab stop. Without
// JavaScript the table still scrolls, by touch, mouse or the browser's own keyboard scrolling
// (and its caption is as wide as the table).
(function () {
  "use strict";
  var MARK = "data-omzien-scrolls";

  function update(box) {
    var scrolls = box.scrollWidth > box.clientWidth;
    // The caption of a table that scrolls wraps within what is seen of it (omzien.css), so that
    // it is read whole before scrolling.
    if (scrolls) box.style.setProperty("--omzien-table-seen", box.clientWidth + "px");
    else box.style.removeProperty("--omzien-table-seen");
    if (scrolls === box.hasAttribute(MARK)) return;
    if (scrolls) {
      var caption = box.querySelector("caption");
      box.setAttribute(MARK, "");
      box.tabIndex = 0;
      if (caption && caption.textContent.trim()) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption.textContent.trim());
      }
    } else {
      ["tabindex", "role", "aria-label", MARK].forEach(function (name) {
        box.removeAttribute(name);
      });
    }
  }

  var observer = window.ResizeObserver
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          update(entry.target);
        });
      })
    : null;

  function scan() {
    document.querySelectorAll(".utrecht-table__container").forEach(function (box) {
      update(box);
      if (observer) observer.observe(box);
    });
  }

  scan();
  // What HTMX puts on the page (filtered results) may bring a table, or change one's width.
  document.addEventListener("htmx:load", scan);
})();
