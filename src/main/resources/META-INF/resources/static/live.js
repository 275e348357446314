// A live page follows what it shows while open: every few seconds it asks for its state (a small JSON GET named by
// data-live-state) and, when that changed, fetches the page again and swaps the parts marked data-live. The request
// page shows approvals, a denial or the end of a session without a reload; the approver's queue shows requests
// arriving and leaving. Parts with a data-live-key (forms) are swapped only when their key changed, so a comment
// being typed is not lost. Screen readers hear the state's news. A failed poll never freezes the page silently: a
// busy or unreachable server is asked again later (longer each time, or after its Retry-After) under a visible note;
// a refusal or a page that is gone (401, 403, 404) stops the polling with a note that says to reload.
(function () {
  var head = document.querySelector('[data-live-state]');
  if (!head || !window.fetch) {
    return;
  }
  var stateUrl = head.dataset.liveState;
  var version = head.dataset.liveVersion;
  var news = document.getElementById('live-news');
  var EVERY_MS = 3000;
  var MAX_WAIT_MS = 60000;
  var wait = EVERY_MS;
  var note = null;

  function failure(status, retryAfterSeconds) {
    var error = new Error('answered ' + status);
    error.status = status;
    error.retryAfterMs = retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
    return error;
  }

  function say(text) {
    if (!note) {
      note = document.createElement('p');
      note.className = 'notice';
      note.id = 'live-trouble';
      note.setAttribute('role', 'status');
      // The head is itself a live part, so a swap may have replaced it: place the note by its id.
      var current = document.getElementById(head.id) || document.querySelector('[data-live-state]');
      current.parentNode.insertBefore(note, current);
    }
    note.textContent = text;
  }

  function recovered() {
    if (note) {
      note.remove();
      note = null;
    }
    wait = EVERY_MS;
  }

  function get(url, accept) {
    return fetch(url, {
      credentials: 'same-origin', cache: 'no-store', redirect: 'error',
      headers: { 'Accept': accept }
    }).then(function (answer) {
      if (!answer.ok) {
        throw failure(answer.status, parseInt(answer.headers.get('Retry-After'), 10));
      }
      return accept === 'application/json' ? answer.json() : answer.text();
    });
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, 'text/html');
    // A keyboard user's place: a swapped part takes the focused element with it, so focus goes back to the element
    // of the same id in the fresh part (without scrolling), or stays on the page's body if it is gone.
    var focused = document.activeElement && document.activeElement !== document.body ? document.activeElement.id : '';
    document.querySelectorAll('[data-live]').forEach(function (part) {
      var next = fresh.getElementById(part.id);
      if (!next || (part.dataset.liveKey !== undefined && part.dataset.liveKey === next.dataset.liveKey)) {
        return;
      }
      part.replaceWith(document.importNode(next, true));
    });
    var again = focused && document.getElementById(focused);
    if (again && document.activeElement !== again) {
      again.focus({ preventScroll: true });
    }
  }

  function poll() {
    if (document.hidden) {
      return schedule();
    }
    get(stateUrl, 'application/json').then(function (state) {
      recovered();
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
    }).then(schedule, function (error) {
      if (error.status === 401 || error.status === 403 || error.status === 404) {
        say('Live updates stopped: your session may have ended. Reload the page to see the latest.');
        return;
      }
      // No status: the network failed, or the answer was a redirect (to the login, once the session ended).
      wait = Math.min(MAX_WAIT_MS, Math.max(wait * 2, error.retryAfterMs || 0));
      say((error.status ? 'Live updates paused (the server answered ' + error.status + ')'
          : 'Live updates paused: rootgate cannot be reached, or your session ended')
          + '; trying again in ' + Math.round(wait / 1000) + ' s. What you see may be out of date; reload the page'
          + ' if this stays.');
      schedule();
    });
  }

  function schedule() {
    setTimeout(poll, wait);
  }

  schedule();
})();
