// cleanup review pages: keyboard navigation between changes, the rule filter, review decisions.
"use strict";
(function () {
  function changes() { return Array.prototype.slice.call(document.querySelectorAll(".chg, .sug")); }

  function move(step) {
    var all = changes();
    if (!all.length) return;
    var at = all.indexOf(document.activeElement);
    var next = at < 0 ? (step > 0 ? 0 : all.length - 1) : (at + step + all.length) % all.length;
    all[next].focus();
    all[next].scrollIntoView({ block: "nearest" });
  }

  function decide(index, accept) {
    var main = document.getElementById("text");
    var base = main && main.getAttribute("data-review");
    if (!base) return;
    fetch(base + "/changes/" + index, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ accept: accept })
    }).then(function (response) {
      if (!response.ok) throw new Error("decision refused: " + response.status);
      sessionStorage.setItem("cleanup-focus", String(index));
      window.location.reload();
    }).catch(function (error) { window.alert(error.message); });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    if (event.key === "j") { move(1); event.preventDefault(); }
    else if (event.key === "k") { move(-1); event.preventDefault(); }
    else if ((event.key === "a" || event.key === "r") && event.target.classList &&
             (event.target.classList.contains("chg") || event.target.classList.contains("sug"))) {
      var accept = event.key === "a";
      var applied = event.target.classList.contains("chg");
      if (accept !== applied) decide(event.target.getAttribute("data-index"), accept);
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.decide") : null;
    if (button) { decide(button.getAttribute("data-index"), button.getAttribute("data-accept") === "true"); return; }
    var rule = event.target.closest ? event.target.closest("button.rule") : null;
    if (rule) { var select = document.getElementById("rule-filter"); select.value = rule.getAttribute("data-code"); filter(select.value); }
  });

  // The rule filter. One index page filters its own rows; a report of several index pages
  // loads every row (index-data.js, a script so it works from file:// too) and lists all matches.
  var pageRows = null;

  function filter(code) {
    var table = document.getElementById("articles");
    if (!table) return;
    var body = table.tBodies[0];
    if (pageRows === null) pageRows = Array.prototype.slice.call(body.rows);
    var all = table.getAttribute("data-all");
    if (!all || !code) {
      if (body.rows.length !== pageRows.length || body.rows[0] !== pageRows[0]) {
        body.textContent = "";
        pageRows.forEach(function (row) { body.appendChild(row); });
      }
      pageRows.forEach(function (row) {
        row.classList.toggle("hidden", !!code && row.getAttribute("data-codes").indexOf(" " + code + " ") < 0);
      });
      note(code ? body.querySelectorAll("tr:not(.hidden)").length + " articles on this page with " + code : "");
      return;
    }
    withIndex(all, function (rows) {
      var matches = rows.filter(function (r) { return r[5].indexOf(code) >= 0; });
      body.textContent = "";
      matches.forEach(function (r, n) {
        var tr = document.createElement("tr");
        tr.setAttribute("data-codes", " " + r[5].join(" ") + " ");
        [n + 1, r[0] === null ? "" : r[0], null, r[3], r[4], r[5].join(", ")].forEach(function (value, i) {
          var td = document.createElement("td");
          if (i === 2) {
            td.className = "file";
            var a = document.createElement("a");
            a.href = r[2];
            a.textContent = r[1];
            td.appendChild(a);
          } else {
            td.textContent = String(value);
            if (i === 1 || i === 3 || i === 4) td.className = "num";
            if (i === 5) td.className = "codes";
          }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      note(matches.length + " of " + rows.length + " articles, on every page, with " + code);
    });
  }

  function note(text) {
    var p = document.getElementById("filter-note");
    if (!p) return;
    p.textContent = text;
    p.hidden = !text;
  }

  function withIndex(src, done) {
    if (window.cleanupIndex) { done(window.cleanupIndex); return; }
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () { done(window.cleanupIndex || []); };
    script.onerror = function () { note("could not load " + src); };
    document.head.appendChild(script);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var select = document.getElementById("rule-filter");
    if (select) select.addEventListener("change", function () { filter(select.value); });
    var focus = sessionStorage.getItem("cleanup-focus");
    if (focus !== null) {
      sessionStorage.removeItem("cleanup-focus");
      var target = document.getElementById("c" + focus);
      if (target) target.focus();
    }
  });
})();
