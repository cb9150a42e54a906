// Draws a jurisdiction's boundary and its children's boundaries on a Leaflet map.
// Boundaries come from the jurisdictions API with the session cookie (same origin). Without a configured
// tile server the map shows the boundaries on a plain background, so it works on an offline network.
(function () {
  'use strict';

  var element = document.getElementById('jurisdiction-map');
  if (!element || !window.L) {
    return;
  }
  var options = element.dataset;
  var status = document.getElementById(options.status);
  var api = options.api + encodeURIComponent(options.code);

  var map = L.map(element, { zoomControl: false, zoomSnap: 0.25 });
  L.control.zoom({ zoomInTitle: options.zoomIn, zoomOutTitle: options.zoomOut }).addTo(map);
  if (options.tileUrl) {
    L.tileLayer(options.tileUrl, { attribution: options.tileAttribution || '', maxZoom: 19 }).addTo(map);
  }
  // Wuhan, until the boundaries arrive.
  map.setView([30.59, 114.3], 9);

  function say(text) {
    if (status) {
      status.textContent = text || '';
    }
  }

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(url + ' answered ' + response.status);
        }
        return response.json();
      });
  }

  function isDerived(feature) {
    return !!(feature && feature.properties && feature.properties.derived);
  }

  // Derived boundaries are drawn dashed so nobody mistakes them for surveyed lines.
  function style(kind) {
    return function (feature) {
      var node = kind === 'node';
      return {
        color: node ? '#a1261b' : '#1d4f91',
        weight: node ? 3 : 1.5,
        fillColor: node ? '#a1261b' : '#1d4f91',
        fillOpacity: node ? 0.04 : 0.1,
        dashArray: isDerived(feature) ? '6 5' : null
      };
    };
  }

  // Tooltips are built from text nodes: names come from data, never from markup.
  function tooltip(feature) {
    var properties = feature.properties || {};
    var span = document.createElement('span');
    span.textContent = isDerived(feature) ? properties.name + '（' + options.derivedLabel + '）' : properties.name;
    return span;
  }

  var childLayer = L.geoJSON(null, {
    style: style('child'),
    onEachFeature: function (feature, layer) {
      layer.bindTooltip(tooltip(feature), { sticky: true });
      layer.on('click', function () {
        window.location.href = options.page + encodeURIComponent(feature.properties.code);
      });
    }
  }).addTo(map);
  var nodeLayer = L.geoJSON(null, {
    style: style('node'),
    interactive: false
  }).addTo(map);

  Promise.allSettled([getJson(api + '/boundary'), getJson(api + '/boundaries/children')]).then(function (results) {
    var nodeResult = results[0];
    var childResult = results[1];
    if (childResult.status === 'fulfilled' && childResult.value) {
      childLayer.addData(childResult.value);
    }
    if (nodeResult.status === 'fulfilled' && nodeResult.value && nodeResult.value.geometry) {
      nodeLayer.addData(nodeResult.value);
    }
    var bounds = nodeLayer.getLayers().length ? nodeLayer.getBounds() : childLayer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [12, 12] });
      say('');
      element.setAttribute('data-drawn', 'true');
    } else if (nodeResult.status === 'rejected' && childResult.status === 'rejected') {
      say(options.error);
    } else {
      say(options.empty);
    }
  });
})();
