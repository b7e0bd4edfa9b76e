/*
 * The header search of THE NEXT SOCIETY (partials/search.html, nextsociety/search).
 *
 * Pagefind's Component UI (site/pagefind/pagefind-component-ui.js and .css, ~50 kB gzipped)
 * is fetched from our own site on first use, not with every page: when the reader points at
 * or focuses the search button, clicks it, or presses `/`, `s` or `f` (as in Material). The
 * dialog's elements come from the <template> next to the button, already labelled in the
 * page's language; Pagefind then loads the index of that language (<html lang>) itself.
 */
(() => {
  "use strict";
  const root = document.querySelector("[data-ns-search]");
  if (!root || !("customElements" in window) || !("HTMLDialogElement" in window)) {
    return; // the no-JavaScript link to the news archive stays
  }
  const button = root.querySelector(".ns-search__button");
  const fallback = root.querySelector(".ns-search__fallback");
  const template = root.querySelector("template.ns-search__dialog");
  // Absolute, because Pagefind imports its files relative to this path, not to the page.
  const bundle = new URL(root.dataset.nsBundle, document.baseURI);
  const siteRoot = new URL("..", bundle);
  let loading = null;
  let modal = null;

  button.hidden = false;
  fallback.hidden = true;

  function fetchAsset(tag, attributes) {
    return new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement(tag), attributes);
      element.addEventListener("load", resolve, { once: true });
      element.addEventListener("error", () => reject(new Error(`cannot load ${attributes.href || attributes.src}`)), { once: true });
      document.head.append(element);
    });
  }

  // Pagefind 1.5 answers a word it has not indexed with the longest indexed prefix of it
  // ("AWEX" finds every "a", "Inmaculada" every "in"; Pagefind issues #599 and #793), with no
  // option to turn that off. A query whose best result only matched such a stub is treated as
  // unknown: no results, and Pagefind's own "No results for …" in the page's language.
  const letters = (word) => word.normalize("NFD").replace(/\p{M}/gu, "").length;

  async function onlyStubs(term, results) {
    const words = term.split(/\s+/).filter(Boolean).map(letters);
    if (!results.length || !words.length) {
      return false;
    }
    const { excerpt } = await results[0].data();
    const marked = [...excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => letters(m[1]));
    return marked.length > 0 && marked.every((length) => 2 * length < Math.min(...words));
  }

  function dropStubMatches(instance) {
    const loadIndex = instance.__load__.bind(instance);
    instance.__load__ = async (...args) => {
      await loadIndex(...args);
      const pagefind = instance.__pagefind__;
      if (!pagefind || pagefind.nsStubless) {
        return;
      }
      const search = pagefind.search.bind(pagefind);
      pagefind.search = async (term, options) => {
        const found = await search(term, options);
        return found && term && (await onlyStubs(term, found.results))
          ? { ...found, results: [] }
          : found;
      };
      pagefind.nsStubless = true;
    };
  }

  function load() {
    if (!loading) {
      loading = Promise.all([
        fetchAsset("link", { rel: "stylesheet", href: new URL("pagefind-component-ui.css", bundle).href }),
        fetchAsset("script", { src: new URL("pagefind-component-ui.js", bundle).href }),
      ]).then(() => {
        // Before the dialog's elements connect, which creates the instance with defaults.
        // Ranking on weighted counts, not on frequency within a page: the many short partner
        // and cluster pages would otherwise come before the releases that name them.
        window.PagefindComponents.configureInstance("default", { ranking: { termFrequency: 0 } });
        dropStubMatches(window.PagefindComponents.getInstanceManager().getInstance("default"));
        const dialog = template.content.cloneNode(true);
        const config = dialog.querySelector("pagefind-config");
        config.setAttribute("bundle-path", bundle.pathname);
        config.setAttribute("base-url", siteRoot.pathname); // result links under a sub-path site_url
        modal = dialog.querySelector("pagefind-modal");
        document.body.append(dialog);
        return customElements.whenDefined("pagefind-modal");
      });
      loading.catch(() => { loading = null; });
    }
    return loading;
  }

  async function open() {
    try {
      await load();
    } catch (error) {
      window.location.href = fallback.href; // no index here (e.g. not built): the news archive
      return;
    }
    modal.open();
  }

  function typing(target) {
    return target instanceof HTMLElement
      && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  for (const type of ["pointerenter", "focus", "touchstart"]) {
    button.addEventListener(type, () => { load().catch(() => {}); }, { once: true, passive: true });
  }
  button.addEventListener("click", open);
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    if (modal && modal.isOpen) {
      return;
    }
    // A non-Latin layout (Arabic) gives another character for the S key: its position counts.
    const latin = /^[\x20-\x7e]$/.test(event.key);
    if (["/", "s", "f"].includes(event.key) || (!latin && ["KeyS", "KeyF", "Slash"].includes(event.code))) {
      event.preventDefault();
      open();
    }
  });
})();
