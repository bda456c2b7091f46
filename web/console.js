// redline console: comfort only, every page works without it. No inline script anywhere
// (Content-Security-Policy: script-src 'self'); device text is never put into the page by this file.
'use strict';
(function () {
  // forms with data-confirm ask before they post (closing a hazard, revoking a waiver)
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var question = form.getAttribute('data-confirm');
    if (question !== null && !window.confirm(question)) event.preventDefault();
  });
  // filter forms marked data-autosubmit apply a changed select at once
  document.addEventListener('change', function (event) {
    var field = event.target;
    if (!(field instanceof HTMLSelectElement)) return;
    var form = field.form;
    if (form !== null && form.hasAttribute('data-autosubmit')) form.requestSubmit();
  });
})();
