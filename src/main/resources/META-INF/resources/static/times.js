// Pages print every time in UTC, as <time datetime="…Z" title="… UTC">; this shows each in the viewer's own zone,
// named, in the same year-month-day order, and leaves UTC in the title (shown on hover). Times that the live pages
// swap in later are turned too. Without JavaScript the UTC text stays. Inside [data-utc-beside] (the audit log, whose
// filters take UTC) the UTC time stays beside the local one, so that what is read can be typed into a filter.
(function () {
  if (!window.Intl || !Intl.DateTimeFormat || !window.MutationObserver) {
    return;
  }
  var format = new Intl.DateTimeFormat('en-US', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23', timeZoneName: 'short'
  });

  function local(date) {
    var part = {};
    format.formatToParts(date).forEach(function (p) { part[p.type] = p.value; });
    return part.year + '-' + part.month + '-' + part.day + ' ' + part.hour + ':' + part.minute + ':' + part.second
      + ' ' + part.timeZoneName;
  }

  function turn(root) {
    root.querySelectorAll('time[datetime]:not([data-local])').forEach(function (time) {
      var date = new Date(time.getAttribute('datetime'));
      if (isNaN(date.getTime())) {
        return;
      }
      time.dataset.local = 'true';
      var shown = local(date);
      var utc = time.getAttribute('title');
      if (time.closest('[data-utc-beside]') && utc && !/ UTC$/.test(shown)) {
        shown += ' (' + utc + ')';
      }
      time.textContent = shown;
    });
  }

  turn(document);
  new MutationObserver(function () { turn(document); }).observe(document.body, { childList: true, subtree: true });
})();
