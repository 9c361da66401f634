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

  function filter(code) {
    var rows = document.querySelectorAll("#articles tbody tr");
    for (var i = 0; i < rows.length; i++) {
      var show = !code || rows[i].getAttribute("data-codes").indexOf(" " + code + " ") >= 0;
      rows[i].classList.toggle("hidden", !show);
    }
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
