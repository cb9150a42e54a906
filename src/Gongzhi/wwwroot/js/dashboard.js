// The dashboard's and the leaders' screen's pictures: a map of the node's children coloured by open and overdue cases (click to
// drill down), and the trend and category charts drawn with ECharts from the JSON the page carries.
(function () {
  'use strict';

  function readData() {
    var element = document.getElementById('dashboard-data');
    try {
      return element ? JSON.parse(element.textContent) : null;
    } catch (e) {
      return null;
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

  function drawMap() {
    var element = document.getElementById('dashboard-map');
    if (!element || !window.L) {
      return;
    }
    var options = element.dataset;
    var status = document.getElementById(options.status);
    var say = function (text) {
      if (status) {
        status.textContent = text || '';
      }
    };
    var map = L.map(element, { zoomControl: false, zoomSnap: 0.25 });
    L.control.zoom({ zoomInTitle: options.zoomIn, zoomOutTitle: options.zoomOut }).addTo(map);
    if (options.tileUrl) {
      L.tileLayer(options.tileUrl, { attribution: options.tileAttribution || '', maxZoom: 19 }).addTo(map);
    }
    map.setView([30.59, 114.3], 9);

    // The leaders' screen labels every area for a room to read from afar (data-labels="always") and looks again at the
    // counts now and then (data-refresh, seconds), since nobody touches a wall screen to reload it.
    var always = options.labels === 'always';
    var layer = null;
    var byCode = function (answer) {
      var counts = {};
      (answer.children || []).forEach(function (c) {
        counts[c.code] = c;
      });
      return counts;
    };
    var paint = function (counts) {
      layer.eachLayer(function (item) {
        var feature = item.feature;
        var c = counts[feature.properties.code] || { open: 0, overdue: 0 };
        // Overdue work is what a leader must see first, so any overdue case turns an area red.
        var fill = c.overdue > 0 ? '#b3261e' : c.open > 0 ? '#d98e04' : '#2e7d32';
        item.setStyle({ color: '#1d2a3a', weight: 1, fillColor: fill, fillOpacity: c.overdue > 0 ? 0.55 : 0.35 });
        var tip = document.createElement('span');
        tip.textContent = always
          ? feature.properties.name + ' ' + c.open + (c.overdue > 0 ? ' / ' + c.overdue : '')
          : feature.properties.name + ' · ' + options.openLabel + ' ' + c.open + ' · ' + options.overdueLabel + ' ' + c.overdue;
        item.unbindTooltip();
        item.bindTooltip(tip, always ? { permanent: true, direction: 'center', className: 'area-label' } : { sticky: true });
      });
    };

    Promise.all([getJson(options.boundaries), getJson(options.counts)]).then(function (results) {
      layer = L.geoJSON(results[0], {
        onEachFeature: function (feature, item) {
          item.on('click', function () {
            window.location.href = options.page + encodeURIComponent(feature.properties.code) + (options.query ? '?' + options.query : '');
          });
        }
      }).addTo(map);
      paint(byCode(results[1]));
      var bounds = layer.getBounds();
      if (bounds.isValid()) {
        map.fitBounds(bounds, { padding: [12, 12] });
        say('');
        element.setAttribute('data-drawn', 'true');
      } else {
        say(options.empty);
      }
      var every = Number(options.refresh) || 0;
      if (every > 0) {
        setInterval(function () {
          if (document.visibilityState === 'hidden') {
            return;
          }
          getJson(options.counts).then(function (answer) {
            paint(byCode(answer));
            element.dataset.repainted = String((Number(element.dataset.repainted) || 0) + 1);
          }).catch(function () { /* the next round tries again */ });
        }, every * 1000);
      }
    }).catch(function () {
      say(options.error);
    });
  }

  function drawCharts() {
    var data = readData();
    var labels = (document.getElementById('dashboard-labels') || { dataset: {} }).dataset;
    if (!data || !window.echarts) {
      return;
    }
    var trendElement = document.getElementById('trend-chart');
    if (trendElement) {
      var trend = echarts.init(trendElement, null, { renderer: 'svg' });
      trend.setOption({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: data.trend.map(function (p) { return p.start; }) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: labels.new, type: 'line', data: data.trend.map(function (p) { return p.new; }), color: '#1d4f91' },
          { name: labels.closed, type: 'line', data: data.trend.map(function (p) { return p.closed; }), color: '#2e7d32' },
          { name: labels.overdue, type: 'line', data: data.trend.map(function (p) { return p.overdue; }), color: '#b3261e' }
        ]
      });
      window.addEventListener('resize', function () { trend.resize(); });
      trendElement.setAttribute('data-drawn', 'true');
    }
    var categoryElement = document.getElementById('category-chart');
    if (categoryElement) {
      var categories = echarts.init(categoryElement, null, { renderer: 'svg' });
      categories.setOption({
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: data.categories.map(function (c) { return c.name; }) },
        series: [{ name: labels.registered, type: 'bar', data: data.categories.map(function (c) { return c.registered; }), color: '#1d4f91' }]
      });
      window.addEventListener('resize', function () { categories.resize(); });
      categoryElement.setAttribute('data-drawn', 'true');
    }
  }

  drawMap();
  drawCharts();
})();
