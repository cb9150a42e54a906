// The import job page while the job runs: asks the status endpoint every two seconds and updates the counts in
// place; when the state changes (started, finished) it loads the page again, which then shows the error report.
(function () {
  'use strict';

  var section = document.getElementById('import-job');
  if (!section || section.dataset.state === 'Completed') {
    return;
  }
  var shownState = section.dataset.state.toLowerCase();

  function set(selector, value) {
    var element = section.querySelector(selector);
    if (element) {
      element.textContent = String(value);
    }
  }

  function poll() {
    fetch(section.dataset.statusUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) {
          throw new Error(String(r.status));
        }
        return r.json();
      })
      .then(function (status) {
        if (String(status.state).toLowerCase() !== shownState) {
          window.location.reload();
          return;
        }
        set('[data-processed]', status.processed);
        set('[data-total]', status.total);
        set('[data-accepted]', status.accepted);
        set('[data-failed]', status.failed);
        var bar = document.getElementById('import-progress');
        if (bar) {
          bar.max = status.total;
          bar.value = status.processed;
        }
        setTimeout(poll, 2000);
      })
      .catch(function () {
        // A lost connection or a restarting server: try again a little later.
        setTimeout(poll, 5000);
      });
  }

  setTimeout(poll, 1000);
}());
