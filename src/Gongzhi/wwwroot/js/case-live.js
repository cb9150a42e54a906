// Live queues and case pages. The hub tells open pages which case changed (keys only, never personal data):
// a queue fetches itself again and swaps its list in place; a case page refreshes its state and timeline and
// says that the case moved on, since the forms below were made for the version that was loaded.
(function () {
  'use strict';

  var list = document.querySelector('[data-live-list]');
  var casePage = document.getElementById('case-live');
  if ((!list && !casePage) || !window.signalR) {
    return;
  }
  var marker = list || casePage;
  // How often an open page looks again by itself (data-live-resync, in seconds; a minute unless the page says otherwise).
  var RESYNC_MS = (Number(marker.dataset.liveResync) || 60) * 1000;
  var RETRY_MS = 10000;
  // How long a burst of changes may go on before the page fetches itself (data-live-settle, in seconds): a quarter of a
  // second for a queue, longer for a page that adds up a whole district on every fetch.
  // With a settle time given, the first change starts the wait and later ones join it, so that a steady flow of changes
  // still shows every few seconds instead of postponing the fetch for as long as it lasts.
  var SETTLE_MS = (Number(marker.dataset.liveSettle) || 0.25) * 1000;
  var THROTTLED = Boolean(marker.dataset.liveSettle);
  var scope = marker.dataset.liveScope;
  var caseId = casePage ? casePage.dataset.liveCase : null;

  function fetchPage(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (r) {
        if (!r.ok) {
          throw new Error(String(r.status));
        }
        return r.text();
      })
      .then(function (html) { return new DOMParser().parseFromString(html, 'text/html'); });
  }

  function swap(fresh, id) {
    var now = document.getElementById(id);
    var next = fresh.getElementById(id);
    if (now && next) {
      now.innerHTML = next.innerHTML;
    }
  }

  var pending = null;
  var generation = 0;
  function refresh() {
    if (THROTTLED && pending !== null) {
      return;
    }
    clearTimeout(pending);
    // Bursts of changes (a dispatch notifies several groups) become one fetch.
    pending = setTimeout(function () {
      pending = null;
      var ticket = ++generation;
      if (list) {
        fetchPage(window.location.href).then(function (fresh) {
          if (ticket === generation) {
            swap(fresh, list.id);
            list.dataset.refreshed = String(ticket);
          }
        }).catch(function () { /* the next change tries again */ });
        return;
      }
      fetchPage('cases/' + encodeURIComponent(caseId)).then(function (fresh) {
        var live = fresh.getElementById('case-live');
        if (ticket !== generation || !live) {
          return;
        }
        if (live.dataset.version !== casePage.dataset.version) {
          swap(fresh, 'case-facts');
          swap(fresh, 'case-timeline');
          var state = document.getElementById('case-state');
          var freshState = fresh.getElementById('case-state');
          if (state && freshState) {
            state.textContent = freshState.textContent;
            state.className = freshState.className;
            state.dataset.state = freshState.dataset.state;
          }
          document.getElementById('case-changed').hidden = false;
        }
      }).catch(function () { /* the next change tries again */ });
    }, SETTLE_MS);
  }

  function concerns(key, link) {
    if (list) {
      return true;
    }
    return key === caseId || link === '/cases/' + caseId;
  }

  var connection = new signalR.HubConnectionBuilder()
    .withUrl('hubs/live')
    .withAutomaticReconnect()
    .build();
  connection.on('changed', function (change) {
    if (change && concerns(change.key, null)) {
      refresh();
    }
  });
  connection.on('notification', function (n) {
    if (n && concerns(null, n.link)) {
      refresh();
    }
  });

  function watch() {
    var ready = scope ? connection.invoke('WatchJurisdiction', scope) : Promise.resolve();
    return ready.then(function () {
      marker.dataset.live = 'on';
    });
  }

  connection.onreconnecting(function () {
    marker.dataset.live = 'reconnecting';
  });
  connection.onreconnected(function () {
    // Changes made while the connection was down were not heard: catch up once.
    watch().then(refresh);
  });

  function start(catchUp) {
    connection.start().then(watch).then(function () {
      if (catchUp) {
        refresh();
      }
    }).catch(function () {
      marker.dataset.live = 'off';
      setTimeout(function () { start(catchUp); }, RETRY_MS);
    });
  }
  // The automatic reconnection gives up after a few tries (a server restarting for an upgrade takes longer): keep trying,
  // and catch up on what was missed once connected again.
  connection.onclose(function () {
    marker.dataset.live = 'off';
    setTimeout(function () { start(true); }, RETRY_MS);
  });
  start(false);

  // An event is sent after its commit, by the node that committed: a change whose node died in between is announced to
  // nobody, and no reconnection tells this page of it. A page left open looks again now and then, while it is shown.
  setInterval(function () {
    if (document.visibilityState !== 'hidden') {
      refresh();
    }
  }, RESYNC_MS);
})();
