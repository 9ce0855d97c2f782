// Marks empty translations in the admin's language tabs (modeltranslation), so editors see at a
// glance which language still lacks a text. Works after modeltranslation has built its tabs.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="translation-missing-label"]');
  var label = meta ? meta.getAttribute("content") : "";

  function mark() {
    document.querySelectorAll("input.mt, textarea.mt").forEach(function (field) {
      if (field.classList.contains("mt-default") || !field.id) return;
      var match = field.id.match(/^(.*)_([a-z]{2}(?:_[a-z]+)?)$/);
      if (!match) return;
      var source = document.getElementById(match[1] + "_de");
      var tab = document.querySelector('a[href="#tab_' + field.id + '"]');
      var missing = source && source.value.trim() !== "" && field.value.trim() === "";
      field.classList.toggle("translation-missing", Boolean(missing));
      if (!tab) return;
      tab.classList.toggle("translation-missing", Boolean(missing));
      var hint = tab.querySelector(".translation-missing-hint");
      if (missing && !hint) {
        hint = document.createElement("span");
        hint.className = "translation-missing-hint";
        hint.textContent = " (" + label + ")";
        tab.appendChild(hint);
      } else if (!missing && hint) {
        hint.remove();
      }
    });
  }

  window.addEventListener("load", function () {
    window.setTimeout(mark, 0);
    document.addEventListener("input", mark);
  });
})();
