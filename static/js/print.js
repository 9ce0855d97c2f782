// Enhancement only: a print button where JavaScript runs; otherwise the browser's menu prints.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.classList.add("js-ready");
  button.addEventListener("click", () => window.print());
});
