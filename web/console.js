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
// overview (/): reloads itself every N seconds while its switch is on; people can turn it off
// (WCAG 2.2.1, which a <meta http-equiv="refresh"> fails), and the choice is kept in this browser
(function () {
  var box = document.querySelector('input[data-refresh-seconds]');
  if (!(box instanceof HTMLInputElement)) return;
  var seconds = Number(box.getAttribute('data-refresh-seconds'));
  var shown = box.closest('[hidden]');
  if (shown instanceof HTMLElement) shown.hidden = false;
  box.checked = window.localStorage.getItem('redline-auto-refresh') !== 'off';
  var timer = null;
  var arm = function () {
    if (timer !== null) window.clearTimeout(timer);
    timer = box.checked && seconds > 0 ? window.setTimeout(function () { window.location.reload(); }, seconds * 1000) : null;
  };
  box.addEventListener('change', function () {
    window.localStorage.setItem('redline-auto-refresh', box.checked ? 'on' : 'off');
    arm();
  });
  arm();
})();
