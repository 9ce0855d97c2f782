// Enhancement only: a print button where JavaScript runs; otherwise the browser's menu prints.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
