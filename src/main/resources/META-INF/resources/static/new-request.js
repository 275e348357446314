// The request form: the account list follows the chosen task policy, and what was typed survives a re-login
// (kept in this tab's sessionStorage only, and only until the form is shown again).
(function () {
  var form = document.querySelector('form[data-keep]');
  if (!form) {
    return;
  }
  var key = 'rootgate.' + form.dataset.keep;
  var account = form.querySelector('#accountId');

  function narrow() {
    var chosen = form.querySelector('input[name=taskPolicy]:checked');
    account.querySelectorAll('option[data-task-policies]').forEach(function (option) {
      var allowed = !chosen || option.dataset.taskPolicies.split(' ').indexOf(chosen.value) >= 0;
      option.disabled = !allowed;
      option.hidden = !allowed;
      if (!allowed && option.selected) {
        account.value = '';
      }
    });
  }

  var kept = sessionStorage.getItem(key);
  sessionStorage.removeItem(key);
  if (kept) {
    var values = JSON.parse(kept);
    ['justification', 'ticket'].forEach(function (name) {
      var field = form.elements[name];
      if (field && !field.value && values[name]) {
        field.value = values[name];
      }
    });
    if (!account.value && values.accountId) {
      account.value = values.accountId;
    }
    var radio = form.querySelector('input[name=taskPolicy][value="' + CSS.escape(values.taskPolicy || '') + '"]');
    if (radio && !form.querySelector('input[name=taskPolicy]:checked') && !radio.disabled) {
      radio.checked = true;
    }
  }
  narrow();
  form.querySelectorAll('input[name=taskPolicy]').forEach(function (radio) {
    radio.addEventListener('change', narrow);
  });
  function keep() {
    var chosen = form.querySelector('input[name=taskPolicy]:checked');
    sessionStorage.setItem(key, JSON.stringify({
      accountId: account.value, taskPolicy: chosen ? chosen.value : '',
      justification: form.elements.justification.value, ticket: form.elements.ticket.value
    }));
  }
  form.addEventListener('submit', keep);
  var reauth = document.getElementById('reauth');
  if (reauth) {
    reauth.addEventListener('click', keep);
  }
})();
