// Enhancement only: the language links work without JavaScript. With it, the chosen language
// is remembered for the next visit to "/", and what a resident typed into a form that is sent
// by POST survives the change of language (filters travel in the link's query string).
(() => {
  const STORE = "keep-input:";
  const SKIP = new Set(["csrfmiddlewaretoken", "website"]);
  const samePage = () => window.location.pathname.replace(/^\/[a-z]{2}\//, "/");
  const forms = () => Array.from(document.querySelectorAll("form[method='post' i]"));
  const key = (index) => `${STORE}${samePage()}#${index}`;

  const keep = () => {
    forms().forEach((form, index) => {
      const entries = [];
      new FormData(form).forEach((value, name) => {
        const field = form.elements[name];
        const type = field && field.type;
        if (typeof value === "string" && !SKIP.has(name) && type !== "password") {
          entries.push([name, value]);
        }
      });
      if (entries.length) {
        try {
          window.sessionStorage.setItem(key(index), JSON.stringify(entries));
        } catch (error) {
          // Private mode or a full store: the switch still works, only without the input.
        }
      }
    });
  };

  const restore = () => {
    forms().forEach((form, index) => {
      let entries;
      try {
        entries = JSON.parse(window.sessionStorage.getItem(key(index)) || "null");
        window.sessionStorage.removeItem(key(index));
      } catch (error) {
        return;
      }
      if (!Array.isArray(entries)) return;
      const values = new Map();
      entries.forEach(([name, value]) => values.set(name, [...(values.get(name) || []), value]));
      values.forEach((list, name) => {
        const fields = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
        let position = 0;
        fields.forEach((field) => {
          if (field.type === "checkbox" || field.type === "radio") {
            field.checked = list.includes(field.value);
          } else if (field.tagName === "SELECT" && field.multiple) {
            Array.from(field.options).forEach((option) => {
              option.selected = list.includes(option.value);
            });
          } else if (field.type !== "hidden" && field.type !== "file" && position < list.length) {
            field.value = list[position];
            position += 1;
          }
        });
      });
    });
  };

  document.querySelectorAll(".language-switcher a[data-language]").forEach((link) => {
    link.addEventListener("click", () => {
      const secure = window.location.protocol === "https:" ? "; Secure" : "";
      document.cookie =
        `django_language=${link.dataset.language}; path=/; max-age=31536000; SameSite=Lax${secure}`;
      keep();
    });
  });
  restore();
})();
