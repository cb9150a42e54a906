// The directive coverage map: the issuing body's nodes coloured by what they reported (done, partly, not yet,
// nothing), late nodes outlined in red, so that selective implementation can be seen at a glance.
(function () {
  'use strict';

  var colours = { done: '#2e7d32', partly: '#d98e04', notyet: '#b3261e', none: '#8a96a8' };

  function draw() {
    var element = document.getElementById('directive-map');
    var data = document.getElementById('directive-data');
    if (!element || !data || !window.L) {
      return;
    }
    var options = element.dataset;
    var status = document.getElementById(options.status);
    var say = function (text) {
      if (status) {
        status.textContent = text || '';
      }
    };
    var nodes = {};
    try {
      JSON.parse(data.textContent).forEach(function (n) { nodes[n.code] = n; });
    } catch (e) {
      say(options.error);
      return;
    }
    var map = L.map(element, { zoomControl: false, zoomSnap: 0.25 });
    L.control.zoom({ zoomInTitle: options.zoomIn, zoomOutTitle: options.zoomOut }).addTo(map);
    if (options.tileUrl) {
      L.tileLayer(options.tileUrl, { attribution: options.tileAttribution || '', maxZoom: 19 }).addTo(map);
    }
    map.setView([30.59, 114.3], 9);
    fetch(options.boundaries, { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(options.boundaries + ' answered ' + response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        // Only the nodes the directive went to are drawn; a chosen subset leaves the others off the map.
        collection.features = (collection.features || []).filter(function (f) { return nodes[f.properties.code]; });
        var layer = L.geoJSON(collection, {
          style: function (feature) {
            var n = nodes[feature.properties.code];
            return {
              color: n.late ? '#b3261e' : '#1d2a3a', weight: n.late ? 3 : 1, dashArray: n.late ? '6 4' : null,
              fillColor: colours[n.status] || colours.none, fillOpacity: 0.45
            };
          },
          onEachFeature: function (feature, item) {
            var n = nodes[feature.properties.code];
            var tip = document.createElement('span');
            tip.textContent = n.name + ' · ' + n.label + (n.late ? ' · ' + n.lateLabel : '');
            item.bindTooltip(tip, { sticky: true });
            item.on('add', function () {
              var path = item.getElement();
              if (path) {
                path.setAttribute('data-code', n.code);
                path.setAttribute('data-status', n.status);
              }
            });
          }
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) {
          map.fitBounds(bounds, { padding: [12, 12] });
          say('');
          element.setAttribute('data-drawn', 'true');
        } else {
          say(options.empty);
        }
      })
      .catch(function () {
        say(options.error);
      });
  }

  draw();
})();
