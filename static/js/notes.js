/* The letter page's notes where they are read.
 *
 * On a wide screen the notes stand in the margin beside the text, each level with
 * its marker (or below the note before it, where notes crowd). On a narrow screen a
 * marker opens its note in place, under the paragraph it is in, and closes it again.
 *
 * Progressive enhancement only: without this file the markers are links to the list
 * of notes after the text, and work the same. The notes are moved only visually (the
 * list stays where it is in the page, after the text, for screen readers). Positions
 * are set through the CSSOM, which the Content-Security-Policy allows; no inline
 * script or style.
 */
(function () {
  "use strict";

  var article = document.querySelector(".letter");
  var list = document.querySelector(".notes__list");
  if (!article || !list || !window.matchMedia) return;

  var wide = window.matchMedia("screen and (min-width: 72em)");
  var notes = Array.prototype.slice.call(list.querySelectorAll("li[id^='note-']"));
  var GAP = 8;

  function markerOf(note) {
    return document.getElementById(note.id.replace("note-", "noteref-"));
  }

  // Margin ---------------------------------------------------------------------

  function placeInMargin() {
    var origin = list.getBoundingClientRect().top;
    var below = 0;
    notes.forEach(function (note) {
      var marker = markerOf(note);
      var top = marker ? marker.getBoundingClientRect().top - origin : below;
      top = Math.max(top, below);
      note.style.top = Math.round(top) + "px";
      below = top + note.offsetHeight + GAP;
    });
    list.style.minHeight = Math.round(below) + "px";
  }

  function clearMargin() {
    notes.forEach(function (note) {
      note.style.top = "";
    });
    list.style.minHeight = "";
  }

  // In place -------------------------------------------------------------------

  function closeInPlace(link) {
    var opened = document.getElementById(link.getAttribute("aria-controls"));
    if (opened) opened.parentNode.removeChild(opened);
    link.setAttribute("aria-expanded", "false");
  }

  function openInPlace(link, note) {
    var box = document.createElement("div");
    box.className = "note-in-place";
    box.id = "in-place-" + link.parentNode.id;
    box.setAttribute("role", "note");
    var label = document.createElement("p");
    label.className = "note-in-place__label";
    label.textContent = "Note " + note.getAttribute("value");
    box.appendChild(label);
    Array.prototype.forEach.call(note.children, function (child) {
      if (child.classList.contains("backref") || child.classList.contains("note__permalink")) return;
      var copy = child.cloneNode(true);
      copy.removeAttribute("id");
      box.appendChild(copy);
    });
    var block = link.closest("p, li, div, h1") || link.parentNode;
    block.insertAdjacentElement("afterend", box);
    link.setAttribute("aria-controls", box.id);
    link.setAttribute("aria-expanded", "true");
  }

  function toggle(event) {
    if (wide.matches) return; // the note is beside the text: the link leads to it
    var link = event.currentTarget;
    var note = document.getElementById(link.getAttribute("href").slice(1));
    if (!note) return;
    event.preventDefault();
    if (link.getAttribute("aria-expanded") === "true") {
      closeInPlace(link);
    } else {
      openInPlace(link, note);
    }
  }

  var links = Array.prototype.slice.call(
    article.querySelectorAll("sup.noteref > a[href^='#note-']")
  );
  links.forEach(function (link) {
    link.addEventListener("click", toggle);
  });

  // Switching ------------------------------------------------------------------

  function layout() {
    if (wide.matches) {
      links.forEach(function (link) {
        if (link.getAttribute("aria-expanded") === "true") closeInPlace(link);
        link.removeAttribute("aria-expanded");
      });
      article.classList.add("has-margin-notes");
      placeInMargin();
    } else {
      article.classList.remove("has-margin-notes");
      clearMargin();
      links.forEach(function (link) {
        if (!link.hasAttribute("aria-expanded")) link.setAttribute("aria-expanded", "false");
      });
    }
  }

  var pending = null;
  function relayout() {
    if (pending) return;
    pending = window.requestAnimationFrame(function () {
      pending = null;
      layout();
    });
  }

  layout();
  if (wide.addEventListener) wide.addEventListener("change", relayout);
  window.addEventListener("resize", relayout);
  window.addEventListener("load", relayout); // fonts and late layout
})();
