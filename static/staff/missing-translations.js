// Shows the status of each translation in the admin's language tabs (modeltranslation): missing
// (also while typing) or outdated (the server marks it: data-translation-status). A link ending
// in #translate-ar opens the Arabic tabs. Works after modeltranslation has built its tabs.
(function () {
  "use strict";
  function metaLabel(name) {
    var meta = document.querySelector('meta[name="' + name + '"]');
    return meta ? meta.getAttribute("content") : "";
  }
  var labels = {
    missing: metaLabel("translation-missing-label"),
    outdated: metaLabel("translation-outdated-label"),
  };

  function statusOf(field) {
    var match = field.id.match(/^(.*)_([a-z]{2}(?:_[a-z]+)?)$/);
    if (!match) return "";
    var source = document.getElementById(match[1] + "_de");
    if (!source || source.value.trim() === "") return "";
    if (field.value.trim() === "") return "missing";
    var server = field.getAttribute("data-translation-status");
    if (server === "outdated" && field.value === field.defaultValue) return "outdated";
    return "";
  }

  function mark() {
    document.querySelectorAll("input.mt, textarea.mt").forEach(function (field) {
      if (field.classList.contains("mt-default") || !field.id) return;
      var status = statusOf(field);
      ["missing", "outdated"].forEach(function (name) {
        field.classList.toggle("translation-" + name, status === name);
      });
      var tab = document.querySelector('a[href="#tab_' + field.id + '"]');
      if (!tab) return;
      ["missing", "outdated"].forEach(function (name) {
        tab.classList.toggle("translation-" + name, status === name);
      });
      var hint = tab.querySelector(".translation-status-hint");
      if (status && !hint) {
        hint = document.createElement("span");
        hint.className = "translation-status-hint";
        tab.appendChild(hint);
      }
      if (hint) {
        if (status) {
          hint.textContent = " " + labels[status];
        } else {
          hint.remove();
        }
      }
    });
  }

  function openRequestedLanguage() {
    var match = window.location.hash.match(/^#translate-([a-z]{2})$/);
    if (!match) return;
    var suffix = "_" + match[1];
    document.querySelectorAll('a[href^="#tab_"]').forEach(function (tab) {
      var href = tab.getAttribute("href");
      if (href.slice(-suffix.length) === suffix) tab.click();
    });
    var first = document.querySelector(".translation-missing, .translation-outdated");
    var field = document.querySelector("input.mt[lang='" + match[1] + "'], textarea.mt[lang='" + match[1] + "']");
    var target = first && first.getAttribute("lang") === match[1] ? first : field;
    if (target) target.focus({ preventScroll: false });
  }

  window.addEventListener("load", function () {
    window.setTimeout(function () {
      mark();
      openRequestedLanguage();
    }, 0);
    document.addEventListener("input", mark);
  });
})();
