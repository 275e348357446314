// A live page follows what it shows while open: every few seconds it asks for its state (a small JSON GET named by
// data-live-state) and, when that changed, fetches the page again and swaps the parts marked data-live. The request
// page shows approvals, a denial or the end of a session without a reload; the approver's queue shows requests
// arriving and leaving. Parts with a data-live-key (forms) are swapped only when their key changed, so a comment
// being typed is not lost. Screen readers hear the state's news.
(function () {
  var head = document.querySelector('[data-live-state]');
  if (!head || !window.fetch) {
    return;
  }
  var stateUrl = head.dataset.liveState;
  var version = head.dataset.liveVersion;
  var news = document.getElementById('live-news');
  var EVERY_MS = 3000;

  function get(url, accept) {
    return fetch(url, {
      credentials: 'same-origin', cache: 'no-store', redirect: 'error',
      headers: { 'Accept': accept }
    }).then(function (answer) {
      if (!answer.ok) {
        throw new Error('answered ' + answer.status);
      }
      return accept === 'application/json' ? answer.json() : answer.text();
    });
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, 'text/html');
    document.querySelectorAll('[data-live]').forEach(function (part) {
      var next = fresh.getElementById(part.id);
      if (!next || (part.dataset.liveKey !== undefined && part.dataset.liveKey === next.dataset.liveKey)) {
        return;
      }
      part.replaceWith(document.importNode(next, true));
    });
  }

  function poll() {
    if (document.hidden) {
      return schedule();
    }
    get(stateUrl, 'application/json').then(function (state) {
      if (state.version === version) {
        return;
      }
      return get(location.pathname + location.search, 'text/html').then(function (html) {
        swap(html);
        version = state.version;
        if (news) {
          news.textContent = state.news;
        }
      });
    }).then(schedule, function () {
      // Signed out, or the page is gone: a reload shows why; polling on would only repeat the failure.
    });
  }

  function schedule() {
    setTimeout(poll, EVERY_MS);
  }

  schedule();
})();
