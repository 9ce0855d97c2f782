// Enhancement only: a copy button where JavaScript runs; the address stays selectable without it.
document.querySelectorAll("[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.copyStatus);
  if (!field || !navigator.clipboard) return;
  button.classList.add("js-ready");
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(field.value).then(() => {
      if (status) status.textContent = button.dataset.copied;
    });
  });
});
