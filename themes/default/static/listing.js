/* careersite listing: filters that act at once, their state in the URL (shareable, back button),
   and full-text search of every description through Pagefind. No inline code, no third parties. */
(function (script) {
  "use strict";
  // the words, in the page's language, from data-words (messages.py: script_words)
  var say = wordsOf(script);

(function () {
  var form = document.querySelector("[data-filters]");
  if (!form || !window.URLSearchParams || !history.pushState) return;

  var FIELDS = ["q", "department", "location", "workplace", "type"];
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-job]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]")).map(function (element) {
    return { element: element, label: element.querySelector("[data-group-count]"), shown: 0 };
  });
  var status = document.getElementById("result-count");
  var empty = document.querySelector("[data-empty]");
  var results = document.querySelector("[data-results]");
  var clears = Array.prototype.slice.call(document.querySelectorAll("[data-clear]"));
  var bundle = form.getAttribute("data-search");
  // The index is sharded: the other bundles merge into the primary's (one wasm, one ranking).
  var merged = (form.getAttribute("data-search-merge") || "").split(" ").filter(Boolean);
  var toggle = form.querySelector("[data-filter-toggle]");
  var choices = document.getElementById(toggle ? toggle.getAttribute("aria-controls") : "");
  var chosen = form.querySelector("[data-filter-count]");
  var total = rows.length;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var info = rows.map(function (row) {
    var link = row.querySelector("a");
    var around = row.closest("[data-group]");
    var group = around ? groups.filter(function (g) { return g.element === around; })[0] : null;
    return {
      row: row,
      group: group,
      excerptOf: null,
      text: fold(row.textContent),
      path: new URL(link.href, location.href).pathname,
      department: row.getAttribute("data-department"),
      locations: row.getAttribute("data-locations").split(" "),
      workplace: row.getAttribute("data-workplace"),
      types: row.getAttribute("data-types").split(" "),
      excerpt: null
    };
  });

    function readForm() {
    var state = {};
    FIELDS.forEach(function (name) { state[name] = form.elements[name].value.trim(); });
    return state;
  }

  function writeForm(params) {
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name) || "";
      if (field.tagName === "SELECT" && !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
        value = "";
      }
      field.value = value;
    });
  }

  function urlFor(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function filtered(state) {
    return FIELDS.some(function (name) { return state[name]; });
  }

  // Full-text search: Pagefind starts (its script, worker, wasm and the primary bundle's metadata,
  // no index chunk) when the search field gets focus, and the words being typed are preloaded during
  // the pause that starts a search, so a candidate who has typed a word waits only for the search
  // itself. A visitor who never touches the field downloads nothing of it. With a sharded index the
  // primary bundle's results show first (one index chunk to fetch); the other bundles are merged in
  // after, and their results join, ranked together, when they are ready.
  var OPTIONS = { excerptLength: 24 };
  var primary = null; // promise of the Pagefind module with the primary bundle
  var everything = null; // promise of it with every bundle merged in
  var searchBroken = !bundle;
  var found = null; // path -> excerpt for `foundFor`, from Pagefind
  var foundFor = "";
  var pending = "";
  var searchCount = 0;

  function loadPrimary() {
    return primary || (primary = import(bundle).then(function (module) {
      return (module.options ? module.options(OPTIONS) : Promise.resolve()).then(function () { return module; });
    }));
  }

  function warm(typed) {
    if (searchBroken) return;
    loadPrimary().then(function (module) {
      return typed.length >= 2 && module.preload ? module.preload(typed) : module.init && module.init();
    }).catch(function () {}); // a search that fails says so when it runs (fullText)
  }

  function loadEverything() {
    return everything || (everything = loadPrimary().then(function (module) {
      return Promise.all(merged.map(function (path) { return module.mergeIndex(path, OPTIONS); })).then(function () { return module; });
    }));
  }

  function searchIn(module, query, limit) {
    return module.search(query).then(function (search) {
      return Promise.all(((search && search.results) || []).slice(0, limit).map(function (r) { return r.data(); }));
    });
  }

  function show(mine, query, results, last) {
    if (mine !== searchCount) return;
    found = new Map();
    results.forEach(function (data) { found.set(new URL(data.url, location.href).pathname, data.excerpt || ""); });
    foundFor = query;
    if (last) pending = "";
    apply(readForm());
  }

  function fullText(query) {
    if (searchBroken || query.length < 2) return;
    var mine = ++searchCount;
    pending = query;
    var first = merged.length && !everything ? loadPrimary().then(function (module) {
      return searchIn(module, query, 20);
    }).then(function (results) { if (results.length) show(mine, query, results, false); }) : Promise.resolve();
    first.then(function () {
      // a search overtaken by the next keystroke stops here, before fetching every bundle's chunk
      return mine === searchCount ? loadEverything().then(function (module) { return searchIn(module, query, 100); }) : null;
    }).then(function (results) {
      if (results) show(mine, query, results, true);
    }).catch(function () {
      searchBroken = true; // without the index the words in titles and facts still filter
      pending = "";
      if (mine === searchCount) apply(readForm());
    });
  }

  function excerptNode(html) {
    // Pagefind's excerpt is escaped text with <mark> around the words found: rebuild it from nodes.
    var p = document.createElement("p");
    p.className = "job-excerpt";
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    Array.prototype.forEach.call(doc.body.firstChild.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    p.insertBefore(document.createTextNode("…"), p.firstChild);
    p.appendChild(document.createTextNode("…"));
    return p;
  }

  function apply(state) {
    var terms = fold(state.q).split(/\s+/).filter(Boolean);
    var hits = foundFor === state.q ? found : null;
    var shown = 0;
    info.forEach(function (item) {
      var facets = (!state.department || item.department === state.department) &&
        (!state.location || item.locations.indexOf(state.location) >= 0) &&
        (!state.workplace || item.workplace === state.workplace) &&
        (!state.type || item.types.indexOf(state.type) >= 0);
      var inText = terms.every(function (t) { return item.text.indexOf(t) >= 0; });
      var inBody = !inText && hits !== null && hits.has(item.path);
      var visible = facets && (inText || inBody);
      // only what changes is touched: on a big site every write to 10,000 rows costs a style pass
      if (item.row.hidden === visible) item.row.hidden = !visible;
      var excerpt = visible && inBody ? hits.get(item.path) : null;
      if (item.excerpt && item.excerptOf !== excerpt) { item.excerpt.remove(); item.excerpt = null; }
      if (excerpt && !item.excerpt) {
        item.excerpt = excerptNode(excerpt);
        item.excerptOf = excerpt;
        item.row.appendChild(item.excerpt);
      }
      if (visible) { shown++; if (item.group) item.group.shown++; }
    });
    groups.forEach(function (group) {
      var count = group.shown;
      group.shown = 0;
      if (group.element.hidden !== (count === 0)) group.element.hidden = count === 0;
      var said = say("open", { num: count });
      if (group.label && group.label.textContent !== said) group.label.textContent = said;
    });
    if (pending && pending === state.q) results.setAttribute("aria-busy", "true");
    else results.removeAttribute("aria-busy");
    var searching = pending && pending === state.q && shown === 0;
    empty.hidden = shown !== 0 || !!searching;
    clears.forEach(function (button) { if (!empty.contains(button)) button.hidden = !filtered(state); });
    var text = !filtered(state) ? say("all", { num: total })
      : searching ? say("searching")
      : say("some", { shown: shown, num: total });
    if (status.textContent !== text) status.textContent = text;
    if (chosen) {
      var n = FIELDS.filter(function (name) { return name !== "q" && state[name]; }).length;
      chosen.textContent = n ? String(n) : "";
      toggle.setAttribute("aria-label", n ? say("chosen", { num: n }) : say("filters"));
    }
  }

  function run(state) {
    if (state.q !== foundFor) { found = null; foundFor = ""; }
    // the index starts loading before the rows are filtered by what they show (long on a big site)
    if (state.q && state.q !== foundFor) fullText(state.q);
    apply(state);
  }

  var typing = false; // a run of keystrokes makes one history entry
  var timer = 0;

  function commit(push) {
    var state = readForm();
    var url = urlFor(state);
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
    run(state);
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "q") return;
    typing = false;
    commit(true);
  });
  form.elements.q.addEventListener("focus", function () { warm(""); });
  form.elements.q.addEventListener("input", function () {
    warm(form.elements.q.value.trim());
    clearTimeout(timer);
    timer = setTimeout(function () { commit(!typing); typing = true; }, 120);
  });
  form.elements.q.addEventListener("blur", function () { typing = false; });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    commit(!typing);
    typing = false;
  });
  clears.forEach(function (button) {
    button.addEventListener("click", function () {
      form.reset();
      typing = false;
      commit(true);
      form.elements.q.focus();
    });
  });
  if (toggle && choices) {
    // On a phone the four filters fold under one button; wider screens always show them (CSS).
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      choices.classList.toggle("open", open);
      if (open) choices.querySelector("select").focus();
    });
  }
  window.addEventListener("popstate", function () {
    typing = false;
    writeForm(new URLSearchParams(location.search));
    run(readForm());
  });

  writeForm(new URLSearchParams(location.search));
  var initial = readForm();
  if (filtered(initial)) run(initial);
})();


  // key -> text, or a plural's text per CLDR category (its form chosen by values.num); {name} -> values.name
  function wordsOf(element) {
    var given = JSON.parse((element && element.getAttribute("data-words")) || "{}");
    var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;
    return function (key, values) {
      var message = given[key] || key;
      if (typeof message !== "string") {
        var n = values ? values.num : 0;
        message = message[rules ? rules.select(n) : n === 1 ? "one" : "other"] || message.other;
      }
      return message.replace(/\{(\w+)\}/g, function (all, name) {
        return values && name in values ? String(values[name]) : all;
      });
    };
  }
})(document.currentScript);
