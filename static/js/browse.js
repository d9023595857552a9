/* /letters/: update the results in place, the URL always telling the state.
 *
 * Progressive enhancement only: without this file the page is a GET form with
 * checkboxes and links, and works the same. With it, ticking a facet, choosing a
 * sort, removing a chip, picking a bar of the timeline or turning a page fetches the
 * page for the new URL, swaps the results region in, and pushes the URL to history
 * (Back and Forward fetch again). Any failure falls back to ordinary navigation.
 * No inline script anywhere (the Content-Security-Policy forbids it).
 */
(function () {
  "use strict";

  var form = document.getElementById("browse");
  var region = document.getElementById("browse-results");
  if (!form || !region || !window.fetch || !window.history.pushState) return;

  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.id = "browse-status";
  form.parentNode.insertBefore(status, form.nextSibling);
  form.classList.add("is-enhanced");

  var pending = null;

  function urlOfForm() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim() !== "") params.append(name, value);
    });
    var query = params.toString();
    return form.action.split("?")[0] + (query ? "?" + query : "");
  }

  function swap(html, focusId) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("browse-results");
    if (!fresh) return false;
    // the filters stay unfolded on a phone while the reader ticks them
    var toggle = document.getElementById("facets-toggle");
    var unfolded = toggle && toggle.open;
    region.innerHTML = fresh.innerHTML;
    toggle = document.getElementById("facets-toggle");
    if (toggle && unfolded) toggle.open = true;
    var query = doc.getElementById("q");
    var box = document.getElementById("q");
    if (query && box && document.activeElement !== box) box.value = query.value;
    document.title = doc.title;
    var heading = document.getElementById("results-heading");
    status.textContent = heading ? heading.textContent.trim() : "";
    var target = focusId && document.getElementById(focusId);
    if (target) {
      target.focus();
    } else if (heading && focusId !== null) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    return true;
  }

  function load(url, options) {
    options = options || {};
    if (pending) pending.abort();
    pending = new AbortController();
    region.setAttribute("aria-busy", "true");
    return fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        if (!swap(html, options.focusId)) throw new Error("no results region");
        if (options.push) window.history.pushState({ browse: true }, "", url);
        region.removeAttribute("aria-busy");
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        window.location.assign(url);
      });
  }

  // A ticked facet value, a month, or another sort: the results follow at once.
  region.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches("input[type=checkbox], input[type=radio], select")) return;
    load(urlOfForm(), { push: true, focusId: input.id });
  });

  // Search, the year range, "Apply": the whole form, without a reload.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var active = document.activeElement;
    load(urlOfForm(), { push: true, focusId: active && active.id === "q" ? "q" : undefined });
  });

  // Chips, "Clear all", timeline bars, pages: links within the results.
  region.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname !== window.location.pathname) return;
    event.preventDefault();
    load(url.href, { push: true });
  });

  window.addEventListener("popstate", function () {
    load(window.location.href, { focusId: null });
  });
  window.history.replaceState({ browse: true }, "", window.location.href);
})();
