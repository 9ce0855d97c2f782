// The admin's "next ten dates" of an activity, updated while the time slots, cancelled dates or
// the validity period are edited: the whole form (without files) goes to a staff-only address,
// which computes the dates without saving. Without JavaScript the list shown is the saved one.
(function () {
  "use strict";
  var RELEVANT = /^(schedules|cancellations)-|^(valid_from|valid_until|on_public_holidays)$/;
  var box, form, timer, lastSent, running;

  function relevantState() {
    var parts = [];
    new FormData(form).forEach(function (value, name) {
      if (RELEVANT.test(name) && typeof value === "string") parts.push(name + "=" + value);
    });
    return parts.join("&");
  }

  function render(data) {
    box.textContent = "";
    if (data.dates && data.dates.length) {
      var list = document.createElement("ol");
      list.className = "upcoming-dates";
      data.dates.forEach(function (item) {
        var entry = document.createElement("li");
        if (item.cancelled) entry.className = "upcoming-cancelled";
        entry.textContent = item.text;
        list.appendChild(entry);
      });
      box.appendChild(list);
    }
    if (data.message) {
      var message = document.createElement("p");
      message.textContent = data.message;
      box.appendChild(message);
    }
    (data.problems || []).forEach(function (text) {
      var problem = document.createElement("p");
      problem.className = "upcoming-problem";
      problem.textContent = text;
      box.appendChild(problem);
    });
  }

  function refresh() {
    var state = relevantState();
    if (state === lastSent) return;
    if (running) {
      schedule();
      return;
    }
    lastSent = state;
    var body = new FormData(form);
    Array.prototype.forEach.call(form.querySelectorAll('input[type="file"]'), function (input) {
      if (input.name) body.delete(input.name);
    });
    running = true;
    box.setAttribute("aria-busy", "true");
    fetch(box.getAttribute("data-preview-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (response) {
        return response.json();
      })
      .then(render)
      .catch(function () {
        lastSent = null; // try again on the next change
      })
      .finally(function () {
        running = false;
        box.removeAttribute("aria-busy");
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  }

  function start() {
    box = document.querySelector(".upcoming-preview[data-preview-url]");
    form = box && box.closest("form");
    if (!form) return;
    lastSent = relevantState();
    ["input", "change", "focusin", "click"].forEach(function (type) {
      form.addEventListener(type, schedule);
    });
    document.addEventListener("formset:added", schedule);
    document.addEventListener("formset:removed", schedule);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
