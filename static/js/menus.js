// Enhancement only: on wide screens the header menus are open (CSS shows them where the browser
// knows ::details-content; this covers the others). On a phone they stay folded.
(() => {
  const wide = window.matchMedia("(min-width: 992px)");
  const apply = () => {
    document.querySelectorAll("details.header-menu").forEach((menu) => {
      menu.open = wide.matches;
    });
  };
  wide.addEventListener("change", apply);
  apply();
})();
