/* The plotly.js bundle of assets/vendor/ (issue 16): plotly.js's own core (src/core.js, read
   from the installed package) with the bar trace, less the components no chart of
   layouts/figures.py uses (3D annotations, update menus, sliders, range slider and selector,
   layout images). Scatter, shapes, annotations, legend, hover, the mode bar and its PNG
   download stay. Smaller than the smallest official partial bundle that has bar and scatter
   (basic: 1.18 MB; finance, used before: 1.28 MB), so less script to compile and run before
   the first chart. Run: `npm ci --ignore-scripts && node build.js` (scripts/plotly_bundle). */
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const PACKAGE = path.dirname(require.resolve('plotly.js/package.json'));
const VERSION = require('plotly.js/package.json').version;
const DROPPED = ['annotations3d', 'updatemenus', 'sliders', 'rangeslider', 'rangeselector',
                 'images'];
const TRACES = ['bar'];  // scatter is in the core

let core = fs.readFileSync(path.join(PACKAGE, 'src', 'core.js'), 'utf8')
  .replace(/require\('\.\.\/build\//g, "require('plotly.js/build/")
  .replace(/require\('\.\//g, "require('plotly.js/src/");
for (const name of DROPPED) {
  const line = new RegExp(`\\n\\s*require\\('plotly\\.js/src/components/${name}'\\),`);
  if (!line.test(core)) throw new Error(`plotly.js ${VERSION}: component ${name} not found`);
  core = core.replace(line, '');
}
core += `\nexports.register([${TRACES.map(t => `require('plotly.js/src/traces/${t}')`)}]);\n`;
const entry = path.join(__dirname, 'entry.js');
fs.writeFileSync(entry, core);

const out = path.join(__dirname, '..', '..', 'assets', 'vendor', `plotly-crm-${VERSION}.min.js`);
esbuild.build({
  entryPoints: [entry], outfile: out, format: 'iife', globalName: 'Plotly', bundle: true,
  minify: true, target: 'es2016', logLevel: 'warning',
  // maplibre's stylesheet, asked for by the registry for map traces only (none here)
  loader: {'.css': 'empty'},
  // as plotly.js's own esbuild-config.js
  alias: {regl: '@plotly/regl', stream: 'stream-browserify'},
  define: {global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false'},
  banner: {js: `/*! plotly.js v${VERSION} (MIT, Plotly, Inc.), traces scatter+${TRACES}, ` +
                `without ${DROPPED.join(', ')}: built by scripts/plotly_bundle/build.js */`},
}).then(() => {
  fs.unlinkSync(entry);
  console.log(`${out}: ${fs.statSync(out).size} bytes`);
}).catch(error => { console.error(error); process.exit(1); });
