/* Skip logic while answering; the server applies the same rule, so this is only a convenience. */
(function () {
  var form = document.getElementById("questionnaire");
  if (!form) { return; }
  var dependants = form.querySelectorAll("[data-show-if-name]");
  function update() {
    dependants.forEach(function (element) {
      var selector = "input[name='" + element.dataset.showIfName + "'][value='" + element.dataset.showIfValue + "']";
      var source = form.querySelector(selector);
      element.hidden = !(source && source.checked);
    });
  }
  form.addEventListener("change", update);
  update();
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
