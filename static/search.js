/* Search page: Pagefind's UI plus what it lacks — a date sort control and the
   query, filters and sort kept in the URL (?q=…&province=…&sort=date-desc) so a
   search can be bookmarked and shared. */
(function () {
  "use strict";
  // Pagefind indexes every Han character as its own word (site_src/search_text.py).
  // One typed word becomes a quoted phrase of characters, which matches exactly
  // the reports that contain it; several words each become their characters (all
  // must occur). Excerpts get their inter-character spaces taken out again.
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var HAN_OR_OTHER = new RegExp("[" + HAN + "]|[^" + HAN + "]+", "g");
  var SPACE_AFTER_HAN = new RegExp("([" + HAN + "])((?:</?mark>)*)\\s+", "g");
  var SPACE_BEFORE_HAN = new RegExp("(?<![.!?])\\s+((?:</?mark>)*)(?=[" + HAN + "])", "g");
  function toPagefindTerm(term) {
    var words = String(term).replace(/"/g, " ").trim().split(/\s+/).filter(Boolean)
      .map(function (word) { return (word.match(HAN_OR_OTHER) || []).join(" "); });
    if (words.length === 1 && new RegExp("[" + HAN + "]").test(words[0])) {
      return '"' + words[0] + '"';
    }
    return words.join(" ");
  }
  function readableExcerpt(excerpt) {
    return String(excerpt).replace(SPACE_AFTER_HAN, "$1$2").replace(SPACE_BEFORE_HAN, "$1");
  }
  window.minzhengSearch = { toPagefindTerm: toPagefindTerm, readableExcerpt: readableExcerpt };

  var root = document.getElementById("search");
  if (!root) return;
  if (typeof PagefindUI === "undefined") {  // built with --no-search, or the bundle failed to load
    var notice = document.createElement("p");
    notice.className = "notice";
    notice.textContent = "搜索暂时不可用（没有找到搜索索引）。可以按下面的类别浏览。";
    root.appendChild(notice);
    return;
  }
  var base = root.getAttribute("data-base") || "/";
  var FILTERS = ["province", "city", "year", "leader"];
  var SORTS = { "date-desc": { date: "desc" }, "date-asc": { date: "asc" } };
  var LABELS = { province: "省份", city: "城市", year: "年份", leader: "领导" };
  var params = new URLSearchParams(window.location.search);
  var tools = document.querySelector(".search-tools");
  var sortSelect = document.getElementById("search-sort");

  function saveUrl() {
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function filtersFromUrl() {
    var selected = {};
    FILTERS.forEach(function (key) {
      var values = params.getAll(key);
      if (values.length) selected[key] = values;
    });
    return selected;
  }

  function filtersToUrl() {
    FILTERS.forEach(function (key) { params.delete(key); });
    root.querySelectorAll("input.pagefind-ui__filter-checkbox:checked").forEach(function (box) {
      params.append(box.name, box.value);
    });
    saveUrl();
  }

  function start() {
    var options = {
      element: "#search",
      bundlePath: base + "pagefind/",
      baseUrl: base,
      showSubResults: false,
      showImages: false,
      excerptLength: 40,
      // Open filter groups push results below the fold on a phone.
      openFilters: window.matchMedia("(min-width: 50rem)").matches ? FILTERS : Object.keys(filtersFromUrl()),
      processTerm: function (term) {
        if (term) params.set("q", term); else params.delete("q");
        saveUrl();
        return toPagefindTerm(term);
      },
      processResult: function (result) {
        result.excerpt = readableExcerpt(result.excerpt);
        return result;
      }
    };
    var sort = SORTS[params.get("sort") || ""];
    if (sort) options.sort = sort;
    var ui = new PagefindUI(options);
    var query = params.get("q");
    if (query) ui.triggerSearch(query);
    var selected = filtersFromUrl();
    if (Object.keys(selected).length) ui.triggerFilters(selected);
  }

  // Pagefind's UI shows filter keys as they are and labels its input only with
  // a title; readers (and screen readers) get Chinese names and a real label.
  function localise() {
    root.querySelectorAll(".pagefind-ui__filter-name, .pagefind-ui__filter-group-label").forEach(function (el) {
      var key = el.textContent.trim().toLowerCase();
      if (LABELS[key]) el.textContent = LABELS[key];
    });
    var input = root.querySelector(".pagefind-ui__search-input");
    if (input && !input.hasAttribute("aria-label")) {
      input.id = "search-q";
      input.setAttribute("aria-label", "搜索报道");
    }
  }
  // No results while filters are ticked: say so, and offer the same search without them.
  var hint = document.getElementById("search-hint");
  var hintClear = document.getElementById("search-hint-clear");
  function suggestRemovingFilters() {
    if (!hint) return;
    var filtered = root.querySelector("input.pagefind-ui__filter-checkbox:checked") !== null;
    var message = root.querySelector(".pagefind-ui__message");
    var empty = message && !root.querySelector(".pagefind-ui__result") &&
      !root.querySelector(".pagefind-ui__loading") && params.get("q");
    var show = Boolean(filtered && empty);
    if (show && hintClear) {
      var without = new URLSearchParams();
      without.set("q", params.get("q"));
      if (params.get("sort")) without.set("sort", params.get("sort"));
      hintClear.href = window.location.pathname + "?" + without.toString();
    }
    if (hint.hidden === show) hint.hidden = !show;
  }
  new MutationObserver(function () { localise(); suggestRemovingFilters(); })
    .observe(root, { childList: true, subtree: true, characterData: true });

  root.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input.pagefind-ui__filter-checkbox")) {
      filtersToUrl();
    }
  });

  if (sortSelect && tools) {
    tools.hidden = false;
    sortSelect.value = SORTS[params.get("sort") || ""] ? params.get("sort") : "";
    sortSelect.addEventListener("change", function () {
      // Pagefind's UI takes its sort only at creation, and destroying it stops a
      // worker it shares with its successor; the URL already holds the whole
      // search, so reloading with the new sort is the robust way.
      if (sortSelect.value) params.set("sort", sortSelect.value); else params.delete("sort");
      window.location.search = params.toString();
    });
  }
  // Pagefind 1.5.2 draws only the filter groups it has loaded when the first
  // search races the filter index (B2 measured 5–15 % of page loads); loading the
  // filters first through the same module the UI uses avoids it.
  // noWorker: Pagefind would otherwise also fetch pagefind-worker.js, a second
  // copy of its search code (12 KB gzip'd, bench/SEARCH.md); searching on the
  // main thread takes milliseconds. It must be set before the module's first use.
  import(base + "pagefind/pagefind.js")
    .then(function (pagefind) {
      return pagefind.options({ baseUrl: base, noWorker: true })
        .then(function () { return pagefind.filters(); });
    })
    .then(start, start);
}());
