/* Search page on pagefind.js itself (no Pagefind UI, no worker).

   Everything a content field can hold — titles, excerpts, filter values, dates —
   is put on the page as text (textContent, text nodes), never as HTML: an editor's
   `领导<img onerror=…>` stays a name (issue 12.1). The whole search lives in the
   URL (?q=…&sort=…&province=…), filters are fetched only when the reader opens
   them, and the archive's shards (pagefind/shards.json) are searched as one. */
(function () {
  "use strict";
  // Pagefind indexes every Han character as its own word (site_src/search/text.py).
  // One typed word becomes a quoted phrase of characters, which matches exactly
  // the reports that contain it; several words each become their characters.
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var IS_HAN = new RegExp("^[" + HAN + "]$");
  var HAN_OR_OTHER = new RegExp("[" + HAN + "]|[^" + HAN + "]+", "g");
  var CJK_PUNCT = "，。、；：！？…—（）《》「」『』【】“”‘’";
  var LEADING_JUNK = new RegExp("^[\\s" + CJK_PUNCT + ",.;:!?)\\]]+");
  var FULL_WIDTH = { ",": "，", ":": "：", ";": "；", "!": "！", "?": "？" };
  var ENTITIES = { lt: "<", gt: ">", amp: "&", quot: "\"", "#39": "'", "#x27": "'" };

  function toPagefindTerm(term) {
    var words = String(term).replace(/"/g, " ").trim().split(/\s+/).filter(Boolean)
      .map(function (word) { return (word.match(HAN_OR_OTHER) || []).join(" "); });
    if (words.length === 1 && new RegExp("[" + HAN + "]").test(words[0])) {
      return '"' + words[0] + '"';
    }
    return words.join(" ");
  }

  function isHan(ch) { return ch !== undefined && IS_HAN.test(ch); }
  function isCjk(ch) { return isHan(ch) || (ch !== undefined && CJK_PUNCT.indexOf(ch) >= 0); }

  /* Pagefind's excerpt (text with &lt;-style escapes, <mark> around hits, the
     spaces of the indexed text, ". " between blocks) → runs of plain text
     [{text, hit}] that read as Chinese: no spaces between characters, full-width
     punctuation, no leading "，", whole characters only. */
  function excerptRuns(excerpt, term) {
    var chars = [];  // [{ch, hit}], one entry per code point
    var hit = false;
    String(excerpt).split(/(<\/?mark>)/).forEach(function (token) {
      if (token === "<mark>") { hit = true; return; }
      if (token === "</mark>") { hit = false; return; }
      var text = token.replace(/&(lt|gt|amp|quot|#39|#x27);/g, function (m, name) { return ENTITIES[name]; });
      Array.from(text).forEach(function (ch) { chars.push({ ch: ch, hit: hit }); });
    });
    var out = [];
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i].ch;
      var prev = out.length ? out[out.length - 1].ch : undefined;
      var next = chars[i + 1] ? chars[i + 1].ch : undefined;
      if (/\s/.test(c)) {
        var j = i;
        while (chars[j + 1] && /\s/.test(chars[j + 1].ch)) j++;
        var after = chars[j + 1] ? chars[j + 1].ch : undefined;
        if (prev !== undefined && after !== undefined && !isCjk(prev) && !isCjk(after)) {
          out.push({ ch: " ", hit: chars[i].hit && chars[j + 1].hit });
        }
        i = j;
        continue;
      }
      if (c === "." && isCjk(prev) && (next === undefined || /\s/.test(next))) {
        if (isHan(prev)) out.push({ ch: "。", hit: false });  // Pagefind's block join
        continue;
      }
      if (FULL_WIDTH[c] && isHan(prev)) c = FULL_WIDTH[c];
      out.push({ ch: c, hit: chars[i].hit });
    }
    var text = out.map(function (o) { return o.ch; }).join("");
    var lead = (text.match(LEADING_JUNK) || [""])[0];
    out = out.slice(Array.from(lead).length);
    // Pagefind marks the phrase once; every occurrence of a typed word is a hit.
    var plain = out.map(function (o) { return o.ch; });
    String(term || "").replace(/"/g, " ").split(/\s+/).filter(Boolean).forEach(function (word) {
      var w = Array.from(word);
      for (var k = 0; k + w.length <= plain.length; k++) {
        if (w.every(function (ch, n) { return plain[k + n] === ch; })) {
          for (var n = 0; n < w.length; n++) out[k + n].hit = true;
        }
      }
    });
    var runs = [];
    out.forEach(function (o) {
      var last = runs[runs.length - 1];
      if (last && last.hit === o.hit) last.text += o.ch; else runs.push({ text: o.ch, hit: o.hit });
    });
    if (runs.length && !/[。！？]$/.test(runs[runs.length - 1].text)) runs.push({ text: "……", hit: false });
    return runs;
  }

  /* The runs as HTML-free DOM: text nodes and <mark> elements. */
  function excerptNode(excerpt, term) {
    var frag = document.createDocumentFragment();
    excerptRuns(excerpt, term).forEach(function (run) {
      if (run.hit) {
        var mark = document.createElement("mark");
        mark.textContent = run.text;
        frag.appendChild(mark);
      } else {
        frag.appendChild(document.createTextNode(run.text));
      }
    });
    return frag;
  }

  function readableExcerpt(excerpt, term) {  // for tests and the harness: the runs as marked-up text
    return excerptRuns(excerpt, term).map(function (r) {
      var t = r.text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      return r.hit ? "<mark>" + t + "</mark>" : t;
    }).join("");
  }

  var root = document.getElementById("search");
  var base = root ? root.getAttribute("data-base") || "/" : "/";
  var bundle = base + "pagefind/";
  var loading = null;  // pagefind.js with the newest shard only
  var merging = null;  // … then with every older shard merged in
  var shardCount = 1;

  /* pagefind.js once, on the newest shard. Each shard carries a synthetic
     filter `shard` (its position, newest 0): the counts per shard put a sorted
     search's results back in order (inShardOrder). */
  function newest() {
    if (!loading) {
      loading = import(bundle + "pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: base, noWorker: true, excerptLength: 36,
                            mergeFilter: { shard: "0" } })
          .then(function () { return pf; });
      });
    }
    return loading;
  }

  /* …with every older shard of pagefind/shards.json merged in (one wasm for all). */
  function everyShard() {
    if (!merging) {
      merging = newest().then(function (pf) {
        return fetch(bundle + "shards.json")
          .then(function (r) { return r.ok ? r.json() : { shards: [] }; }, function () { return { shards: [] }; })
          .then(function (manifest) {
            shardCount = 1 + (manifest.shards || []).length;
            return Promise.all((manifest.shards || []).map(function (shard, i) {
              return pf.mergeIndex(bundle + shard.path, { indexWeight: shard.weight || 1,
                                                          mergeFilter: { shard: String(i + 1) } });
            }));
          })
          .then(function () { return pf; });
      });
    }
    return merging;
  }

  window.minzhengSearch = {
    toPagefindTerm: toPagefindTerm,
    readableExcerpt: readableExcerpt,
    excerptRuns: excerptRuns,
    // What the page itself asks Pagefind (all shards): the harness measures through it.
    search: function (term, options) {
      return everyShard().then(function (pf) { return pf.search(term, options || {}); });
    }
  };
  if (!root) return;

  var FILTERS = ["province", "city", "year", "leader"];
  var LABELS = { province: "省份", city: "城市", year: "年份", leader: "领导" };
  var SORTS = { "date-desc": { date: "desc" }, "date-asc": { date: "asc" } };
  var PAGE = 10;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var sortSelect = document.getElementById("search-sort");
  var tools = document.getElementById("search-tools");
  var panel = document.getElementById("search-filters");
  var groups = document.getElementById("search-filter-groups");
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var hint = document.getElementById("search-hint");
  var hintClear = document.getElementById("search-hint-clear");

  var state = { q: "", sort: "", filters: {} };
  var current = null;  // the latest Pagefind response
  var shown = 0;
  var runId = 0;
  var filterData = null;  // {totals, order} once the reader opened the filters
  var counts = null;  // per filter value, for the current search (once filters are loaded)

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    state.q = params.get("q") || "";
    state.sort = SORTS[params.get("sort") || ""] ? params.get("sort") : "";
    state.filters = {};
    FILTERS.forEach(function (key) {
      var values = params.getAll(key).filter(Boolean);
      if (values.length) state.filters[key] = values;
    });
  }

  function writeUrl(push) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.sort) params.set("sort", state.sort);
    FILTERS.forEach(function (key) {
      (state.filters[key] || []).forEach(function (v) { params.append(key, v); });
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "");
    if (url !== window.location.pathname + window.location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  function pagefindFilters() {
    var out = {};
    Object.keys(state.filters).forEach(function (key) { out[key] = { any: state.filters[key] }; });
    return out;
  }

  function say(text) { statusLine.textContent = text; }

  function run() {
    var id = ++runId;
    var term = state.q.trim();
    var filtered = Object.keys(state.filters).length > 0;
    hint.hidden = true;
    if (!term && !filtered) {
      current = null; counts = null; shown = 0; list.textContent = ""; more.hidden = true; say("");
      refreshCounts();
      statusLine.setAttribute("data-run", String(id));
      return Promise.resolve();
    }
    say("正在搜索……");
    // Shards are merged with tiered weights (newest highest), so Pagefind's merged
    // order is the newest shard's results first. In a sorted search Pagefind
    // scores each shard's last result 0, which falls out of its tier: put it back
    // (inShardOrder). Ascending is asked as descending and reversed.
    var sorted = Boolean(SORTS[state.sort]);
    var ascending = state.sort === "date-asc";
    var pfTerm = term ? toPagefindTerm(term) : null;
    var options = { filters: pagefindFilters(), sort: ascending ? SORTS["date-desc"] : SORTS[state.sort] || {} };
    var what = term ? "“" + term + "”" : "所选条件";
    // Progressive: the first search of the page is answered from the newest shard
    // alone (its results come first in the merged order too), then from all.
    var first = !merging && !ascending ? newest().then(function (pf) {
      return pf.search(pfTerm, options).then(function (response) {
        if (id !== runId || !response.results.length) return;
        current = response; shown = 0; list.textContent = "";
        say("较新的报道中有 " + response.results.length + " 篇，正在检索全部报道……");
        var drawn = showMore(false);
        more.hidden = true;
        return drawn;  // older shards are fetched once the first results are on screen
      });
    }) : Promise.resolve();
    return first.then(function () { return window.minzhengSearch.search(pfTerm, options); })
      .then(function (response) {
        if (id !== runId) return;
        if (sorted) response.results = inShardOrder(response.results, (response.filters || {}).shard);
        if (ascending) response.results = response.results.slice().reverse();
        var drawn = [].map.call(list.children, function (li) { return li.getAttribute("data-id"); });
        var same = drawn.length > 0 && drawn.every(function (rid, i) {
          return response.results[i] && response.results[i].id === rid;
        });
        current = response;
        if (same) {
          shown = drawn.length;
        } else {
          shown = 0; list.textContent = "";
        }
        counts = filterData ? response.filters : null;
        var n = response.results.length;
        say(n ? "找到 " + n + " 篇与" + what + "有关的报道" : "没有找到与" + what + "有关的报道。");
        if (!n && filtered) {
          var without = new URLSearchParams();
          if (state.q) without.set("q", state.q);
          if (state.sort) without.set("sort", state.sort);
          hintClear.href = window.location.pathname + (without.toString() ? "?" + without : "");
          hint.hidden = false;
        }
        showMore(false, PAGE - shown);
        refreshCounts();
        statusLine.setAttribute("data-run", String(id));  // tests wait on this
      }, function (error) {
        if (id !== runId) return;
        say("搜索暂时不可用（没有找到搜索索引）。可以按下面的类别浏览。");
        if (window.console) console.error(error);
      });
  }

  /* A date-sorted merged answer: each shard's results but its last (scores > 0,
     tiers in shard order), then every shard's last (score 0), in shard order.
     With the count per shard (the synthetic `shard` filter) the list is rebuilt
     as shard 0's results, shard 1's, …: newest first, as the shards are dated. */
  function inShardOrder(results, perShard) {
    if (!perShard) return results;
    var positive = results.filter(function (r) { return r.score > 0; });
    var zero = results.filter(function (r) { return !(r.score > 0); });
    var out = [];
    var p = 0;
    var z = 0;
    for (var i = 0; i < shardCount; i++) {
      var n = perShard[String(i)] || 0;
      if (!n) continue;
      out = out.concat(positive.slice(p, p + n - 1));
      p += n - 1;
      if (z < zero.length) out.push(zero[z++]);
    }
    return p === positive.length && z === zero.length ? out : results;
  }

  function showMore(focusFirst, limit) {
    if (!current) return Promise.resolve();
    var batch = current.results.slice(shown, shown + (limit === undefined ? PAGE : Math.max(limit, 0)));
    shown += batch.length;
    var filled = batch.map(function (result, i) {
      var item = document.createElement("li");
      item.className = "search-result";
      item.setAttribute("data-id", result.id);
      item.setAttribute("aria-busy", "true");
      list.appendChild(item);
      return result.data().then(function (data) {
        fillResult(item, data);
        if (focusFirst && i === 0) item.querySelector("a").focus();
      });
    });
    more.hidden = shown >= current.results.length;
    return Promise.all(filled);  // resolved once the batch is drawn
  }

  function fillResult(item, data) {
    var heading = document.createElement("h2");
    heading.className = "search-result-title";
    var link = document.createElement("a");
    var url = String(data.url || "");
    link.href = /^(https?:)?\//.test(url) ? url : base;
    link.textContent = (data.meta && data.meta.title) || url;
    heading.appendChild(link);
    item.appendChild(heading);
    var where = [];
    var filters = data.filters || {};
    if (data.meta && data.meta["日期"]) where.push(data.meta["日期"]);
    ["province", "city"].forEach(function (key) { if (filters[key]) where.push(filters[key].join("、")); });
    if (where.length) {
      var meta = document.createElement("p");
      meta.className = "search-result-meta";
      meta.textContent = where.join(" · ");
      item.appendChild(meta);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "search-result-excerpt";
    excerpt.appendChild(excerptNode(data.excerpt || "", state.q));
    item.appendChild(excerpt);
    item.removeAttribute("aria-busy");
  }

  /* Filters: fetched only when the reader opens them (Pagefind's filter files and
     the pinyin order the build wrote), then drawn as checkboxes in DOM = visual order. */
  function loadFilters() {
    if (filterData) return Promise.resolve(filterData);
    return Promise.all([
      everyShard().then(function (pf) { return pf.filters(); }),
      fetch(bundle + "filters.json").then(function (r) { return r.ok ? r.json() : {}; }, function () { return {}; })
    ]).then(function (both) {
      filterData = { totals: both[0] || {}, order: both[1] || {} };
      drawFilters();
      if (current) {  // the search ran before the filter files were there: count again
        var id = runId;
        window.minzhengSearch.search(state.q.trim() ? toPagefindTerm(state.q.trim()) : null,
          { filters: pagefindFilters() }).then(function (response) {
          if (id !== runId) return;
          counts = response.filters;
          refreshCounts();
        });
      }
      return filterData;
    });
  }

  function orderedValues(key) {
    var known = filterData.totals[key] || {};
    var order = (filterData.order[key] || []).filter(function (v) { return v in known; });
    var rest = Object.keys(known).filter(function (v) { return order.indexOf(v) < 0; })
      .sort(function (a, b) { return a.localeCompare(b, "zh-CN-u-co-pinyin"); });
    return order.concat(rest);
  }

  function drawFilters() {
    groups.textContent = "";
    FILTERS.forEach(function (key) {
      var values = orderedValues(key);
      if (!values.length) return;
      var set = document.createElement("fieldset");
      set.className = "search-filter-group";
      var legend = document.createElement("legend");
      legend.textContent = LABELS[key];
      set.appendChild(legend);
      var ul = document.createElement("ul");
      values.forEach(function (value) {
        var li = document.createElement("li");
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = key;
        box.value = value;
        box.checked = (state.filters[key] || []).indexOf(value) >= 0;
        var name = document.createElement("span");
        name.className = "search-filter-value";
        name.textContent = value;
        var count = document.createElement("span");
        count.className = "search-filter-count";
        label.appendChild(box);
        label.appendChild(name);
        label.appendChild(count);
        li.appendChild(label);
        ul.appendChild(li);
      });
      set.appendChild(ul);
      groups.appendChild(set);
    });
    refreshCounts();
  }

  function refreshCounts() {
    if (!filterData) return;
    var shownCounts = (current ? counts : filterData.totals) || {};
    groups.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var n = (shownCounts[box.name] || {})[box.value] || 0;
      box.checked = (state.filters[box.name] || []).indexOf(box.value) >= 0;
      box.parentNode.querySelector(".search-filter-count").textContent = "（" + n + "）";
    });
  }

  function fromControls() {
    state.q = input.value.trim();
    state.sort = SORTS[sortSelect.value] ? sortSelect.value : "";
  }

  function toControls() {
    input.value = state.q;
    sortSelect.value = state.sort;
    if (filterData) refreshCounts();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fromControls();
    writeUrl(true);
    run();
  });
  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () { fromControls(); writeUrl(false); run(); }, 300);
  });
  sortSelect.addEventListener("change", function () { fromControls(); writeUrl(false); run(); });
  groups.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[type=checkbox]")) return;
    var values = (state.filters[box.name] || []).filter(function (v) { return v !== box.value; });
    if (box.checked) values.push(box.value);
    if (values.length) state.filters[box.name] = values; else delete state.filters[box.name];
    writeUrl(false);
    run();
  });
  panel.addEventListener("toggle", function () { if (panel.open) loadFilters(); });
  more.addEventListener("click", function () { showMore(true); });
  window.addEventListener("popstate", function () { readUrl(); toControls(); run(); });

  tools.hidden = false;
  panel.hidden = false;
  readUrl();
  toControls();
  if (Object.keys(state.filters).length) panel.open = true;  // show what is ticked
  run();
}());
