// The report form, enhanced: category suggestions while typing, the 大类 narrowing the 小类 list, the chosen
// category's extra fields, a map on which a click (or the device's position) sets the point and shows its grid,
// and one submission per click. Without script the form still works: the server suggests, checks and locates.
(function () {
  'use strict';

  var form = document.querySelector('form[data-case-report]');
  if (!form) {
    return;
  }
  var description = form.querySelector('#description');
  var major = form.querySelector('#major');
  var category = form.querySelector('#category');
  var suggestions = form.querySelector('#category-suggestions');
  var anonymousField = form.querySelector('#anonymous-field');
  var anonymous = form.querySelector('#anonymous');
  var lat = form.querySelector('#lat');
  var lon = form.querySelector('#lon');

  // The server-side suggestion button is for browsers without script; here suggestions come as one types.
  var suggestButton = form.querySelector('button[value=suggest]');
  if (suggestButton) {
    suggestButton.remove();
  }

  function optionFor(code) {
    return Array.prototype.find.call(category.options, function (o) { return o.value === code; });
  }

  function showMajor() {
    Array.prototype.forEach.call(category.querySelectorAll('optgroup'), function (group) {
      group.hidden = !!major.value && group.dataset.major !== major.value;
    });
  }

  function showCategory() {
    var code = category.value;
    Array.prototype.forEach.call(form.querySelectorAll('[data-attributes-for]'), function (set) {
      var shown = set.dataset.attributesFor === code;
      set.hidden = !shown;
      set.disabled = !shown;
    });
    var option = optionFor(code);
    var allowed = !option || option.dataset.anonymous === 'true';
    anonymousField.hidden = !allowed;
    if (!allowed) {
      anonymous.checked = false;
    }
    if (option && option.parentElement && option.parentElement.dataset.major && major.value !== option.parentElement.dataset.major) {
      major.value = option.parentElement.dataset.major;
      showMajor();
    }
  }

  function choose(code) {
    category.value = code;
    showCategory();
    category.dispatchEvent(new Event('change'));
  }

  major.addEventListener('change', function () {
    showMajor();
    var option = optionFor(category.value);
    if (option && option.parentElement.hidden) {
      category.value = '';
      showCategory();
    }
  });
  category.addEventListener('change', showCategory);
  suggestions.addEventListener('click', function (e) {
    var chip = e.target.closest('[data-suggest-code]');
    if (chip) {
      choose(chip.dataset.suggestCode);
    }
  });

  var timer = null;
  var asked = '';
  function suggest() {
    var text = description.value.trim();
    if (text === asked) {
      return;
    }
    asked = text;
    if (text.length < 2) {
      suggestions.textContent = '';
      return;
    }
    fetch(form.dataset.suggest, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ description: text })
    }).then(function (r) { return r.ok ? r.json() : []; }).then(function (list) {
      if (text !== asked) {
        return;
      }
      suggestions.textContent = '';
      if (!list.length) {
        return;
      }
      var label = document.createElement('span');
      label.textContent = form.dataset.suggestLabel;
      suggestions.appendChild(label);
      list.slice(0, 5).forEach(function (s) {
        var chip = document.createElement('button');
        chip.type = 'button';
        chip.className = 'chip';
        chip.dataset.suggestCode = s.code;
        chip.textContent = document.documentElement.lang === 'en' ? s.nameEn : s.nameZh;
        suggestions.appendChild(chip);
      });
    }).catch(function () { /* suggestions are a convenience; the form works without them */ });
  }
  description.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 350);
  });

  showMajor();
  showCategory();

  // Open cases of the chosen kind near the chosen place, each with 我也遇到了: a person who meets a problem already
  // reported joins it (the server renders the same list when the form comes back).
  var nearby = form.querySelector('#nearby');
  var nearbyList = nearby && nearby.querySelector('[data-nearby-list]');
  var drawNearby = function () { /* replaced once the map is there */ };
  var nearbyTicket = 0;
  function format(text, value) {
    return text.replace('{0}', value);
  }
  function findNearby() {
    var code = category.value || major.value;
    var latitude = parseFloat(lat.value);
    var longitude = parseFloat(lon.value);
    if (!nearby || !code || !isFinite(latitude) || !isFinite(longitude)) {
      return;
    }
    var ticket = ++nearbyTicket;
    fetch(nearby.dataset.nearby + '?lat=' + latitude + '&lon=' + longitude + '&category=' + encodeURIComponent(code), {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    }).then(function (r) { return r.ok ? r.json() : []; }).then(function (list) {
      if (ticket !== nearbyTicket) {
        return;
      }
      nearbyList.textContent = '';
      list.forEach(function (c) {
        var item = document.createElement('li');
        item.dataset.nearbyCase = c.id;
        var text = document.createElement('span');
        text.textContent = c.categoryName + ' · ' + format(nearby.dataset.metres, c.distanceMeters) + ' · ' +
          format(nearby.dataset.reported, c.reportedOn) + ' · ' + format(nearby.dataset.supporters, c.supporters);
        var button = document.createElement('button');
        button.type = 'submit';
        button.name = 'support';
        button.value = c.id;
        button.className = 'button-secondary';
        button.formNoValidate = true;
        button.dataset.meToo = '';
        button.textContent = nearby.dataset.meToo;
        item.appendChild(text);
        item.appendChild(document.createTextNode(' '));
        item.appendChild(button);
        nearbyList.appendChild(item);
      });
      nearby.hidden = list.length === 0;
      nearby.setAttribute('data-found', String(list.length));
      drawNearby(list);
    }).catch(function () { /* the list is a help; the report goes through without it */ });
  }
  category.addEventListener('change', findNearby);
  major.addEventListener('change', findNearby);
  lat.addEventListener('change', findNearby);
  lon.addEventListener('change', findNearby);

  // One click, one submission: the idempotency key makes a repeated post harmless, this makes it rare.
  form.addEventListener('submit', function (e) {
    var button = e.submitter;
    if (form.dataset.submitting === 'true') {
      e.preventDefault();
      return;
    }
    form.dataset.submitting = 'true';
    if (button) {
      button.setAttribute('aria-disabled', 'true');
    }
  });

  // The map.
  var element = document.getElementById('report-map');
  var status = document.getElementById('grid-status');
  if (!element || !window.L) {
    return;
  }
  var options = element.dataset;
  var map = L.map(element, { zoomControl: false, zoomSnap: 0.25 });
  L.control.zoom({ zoomInTitle: options.zoomIn, zoomOutTitle: options.zoomOut }).addTo(map);
  if (options.tileUrl) {
    L.tileLayer(options.tileUrl, { attribution: options.tileAttribution || '', maxZoom: 19 }).addTo(map);
  }
  map.setView([30.59, 114.3], 10);
  var scopeLayer = L.geoJSON(null, { style: { color: '#1d4f91', weight: 1.5, fillOpacity: 0.04 }, interactive: false }).addTo(map);
  var gridLayer = L.geoJSON(null, { style: { color: '#a1261b', weight: 2, fillOpacity: 0.08 }, interactive: false }).addTo(map);
  var marker = null;
  var nearbyLayer = L.layerGroup().addTo(map);
  drawNearby = function (list) {
    nearbyLayer.clearLayers();
    list.forEach(function (c) {
      L.circleMarker([c.lat, c.lon], { radius: 7, color: '#1d4f91', weight: 2, fillOpacity: 0.5 })
        .bindTooltip(c.categoryName + ' · ' + format(nearby.dataset.metres, c.distanceMeters)).addTo(nearbyLayer);
    });
  };

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json, application/geo+json' } })
      .then(function (r) {
        if (!r.ok) {
          throw new Error(String(r.status));
        }
        return r.json();
      });
  }

  if (options.scope) {
    getJson('api/v1/jurisdictions/' + encodeURIComponent(options.scope) + '/boundary').then(function (feature) {
      if (feature && feature.geometry) {
        scopeLayer.addData(feature);
        if (!marker) {
          map.fitBounds(scopeLayer.getBounds(), { padding: [8, 8] });
        }
      }
    }).catch(function () { /* the city view stays */ });
  }

  function say(text) {
    status.textContent = text || '';
  }

  var located = 0;
  function locate(latitude, longitude, move) {
    if (!isFinite(latitude) || !isFinite(longitude)) {
      return;
    }
    var point = [latitude, longitude];
    if (marker) {
      marker.setLatLng(point);
    } else {
      marker = L.circleMarker(point, { radius: 8, color: '#a1261b', weight: 3, fillOpacity: 0.6 }).addTo(map);
    }
    if (move) {
      map.setView(point, Math.max(map.getZoom(), 15));
    }
    if (form.dataset.guest === 'true') {
      // The grid look-up is for signed-in eyes; a visitor's report is placed by the server when it is filed.
      element.setAttribute('data-located', '');
      return;
    }
    var ticket = ++located;
    element.removeAttribute('data-located');
    getJson('api/v1/jurisdictions/locate?lat=' + latitude + '&lon=' + longitude).then(function (found) {
      if (ticket !== located) {
        return;
      }
      var grid = found.grid;
      var path = (found.ancestors || []).filter(function (a) { return a.level !== 'city'; }).map(function (a) { return a.name; });
      path.push(grid.name);
      say(options.gridLabel + path.join(' › ') + '（' + grid.code + '）');
      element.setAttribute('data-located', grid.code);
      return getJson('api/v1/jurisdictions/' + encodeURIComponent(grid.code) + '/boundary').then(function (feature) {
        gridLayer.clearLayers();
        if (feature && feature.geometry && ticket === located) {
          gridLayer.addData(feature);
        }
      });
    }).catch(function () {
      if (ticket === located) {
        gridLayer.clearLayers();
        say(options.outside);
        element.setAttribute('data-located', '');
      }
    });
  }

  function fromInputs() {
    locate(parseFloat(lat.value), parseFloat(lon.value), true);
  }

  map.on('click', function (e) {
    lat.value = e.latlng.lat.toFixed(6);
    lon.value = e.latlng.lng.toFixed(6);
    locate(e.latlng.lat, e.latlng.lng, false);
    findNearby();
  });
  lat.addEventListener('change', fromInputs);
  lon.addEventListener('change', fromInputs);
  if (lat.value && lon.value) {
    fromInputs();
    findNearby();
  }

  var me = document.getElementById('locate-me');
  if (me && navigator.geolocation) {
    me.hidden = false;
    me.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        lat.value = position.coords.latitude.toFixed(6);
        lon.value = position.coords.longitude.toFixed(6);
        fromInputs();
      }, function () {
        say(options.geoError);
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  }
  element.setAttribute('data-ready', 'true');
})();
