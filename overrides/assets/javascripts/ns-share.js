// "Copy link" on news items and releases: shown only where the Clipboard API is available;
// says "Link copied" in the page's language through the status region beside the button.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll("[data-ns-copy]").forEach(function (button) {
    var status = button.nextElementSibling;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.nsCopy).then(function () {
        if (status) status.textContent = button.dataset.nsCopied;
      });
    });
  });
})();
