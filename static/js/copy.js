/* The letter page: a "Copy" button beside the citation, the permalink and each
 * note's link.
 *
 * Progressive enhancement only: without this file the text and the links are there,
 * selectable as ever, and no button is shown. The citations, the permalink and each
 * element marked `data-copy="what"` (the notes' links) get a button after them that
 * copies their address (a link) or their text, and says so in a status message. No
 * inline script anywhere (the Content-Security-Policy forbids it).
 */
(function () {
  "use strict";

  // [selector, what it is]: the citation's parts, whose markup stays as it was
  var CITATION = [
    ["#cite-chicago", "citation (Chicago)"],
    ["#cite-bibtex", "citation (BibTeX)"],
    [".citation__hint > a", "permalink"],
  ];
  var marked = [];
  CITATION.forEach(function (pair) {
    var element = document.querySelector(pair[0]);
    if (element) marked.push([element, pair[1]]);
  });
  document.querySelectorAll("[data-copy]").forEach(function (element) {
    marked.push([element, element.getAttribute("data-copy")]);
  });
  if (!marked.length) return;

  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.id = "copy-status";
  document.body.appendChild(status);

  function valueOf(element) {
    if (element.tagName === "A") return element.href;
    return element.innerText.trim();
  }

  // The old way, where the Clipboard API is missing (not a secure context): select
  // the element's text and ask the browser to copy the selection.
  function copyBySelection(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    return done ? Promise.resolve() : Promise.reject(new Error("not copied"));
  }

  function copy(element) {
    var text = valueOf(element);
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyBySelection(element);
      });
    }
    return copyBySelection(element);
  }

  function say(button, label, message) {
    button.textContent = label;
    status.textContent = message;
    window.clearTimeout(button.copyTimer);
    button.copyTimer = window.setTimeout(function () {
      button.textContent = "Copy";
    }, 2500);
  }

  marked.forEach(function (pair) {
    var element = pair[0], what = pair[1];
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy the " + what);
    button.addEventListener("click", function () {
      copy(element).then(
        function () {
          say(button, "Copied", "The " + what + " is copied.");
        },
        function () {
          say(button, "Select and copy", "Could not copy: the " + what + " is selected, copy it with your keyboard.");
        }
      );
    });
    element.insertAdjacentElement("afterend", button);
  });
})();
