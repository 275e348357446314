// Live countdown to a session's expiry, copy buttons for credential blocks, and confirmations for forms that
// cannot be undone (data-confirm): a script file, because the Content-Security-Policy allows no inline script.
(function () {
  function tick() {
    document.querySelectorAll('.countdown[data-expires]').forEach(function (el) {
      var left = Math.floor((Number(el.dataset.expires) - Date.now()) / 1000);
      if (left <= 0) {
        el.textContent = 'expired';
        el.classList.add('expired');
        return;
      }
      var m = Math.floor(left / 60), s = left % 60;
      el.textContent = m + ':' + (s < 10 ? '0' : '') + s + ' left';
    });
  }
  tick();
  setInterval(tick, 1000);
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var text = document.getElementById(button.dataset.copy).textContent;
      var label = button.dataset.label || button.textContent;
      button.dataset.label = label;
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
  // A request page after "Request approval": what the request form kept for a re-login is no longer needed.
  if (document.querySelector('[data-request-page]')) {
    sessionStorage.removeItem('rootgate.new-request');
  }
  // Listened for on the document, so forms the live request page swaps in (live.js) ask too.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.matches && form.matches('form[data-confirm]') && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
