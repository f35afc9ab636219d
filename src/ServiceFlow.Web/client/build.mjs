// Bundles src/designer.js, src/viewer.js, src/reports.js (ECharts), src/heatmap.js, src/decisions.js (dmn-js), src/forms.js and src/formeditor.js (form-js) into ../wwwroot/dist (IIFE + CSS + fonts).
//   node build.mjs              production build (minified)
//   node build.mjs --dev        unminified, with source maps
//   node build.mjs --watch      --dev and rebuild on change
import * as esbuild from 'esbuild';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// Fixes applied to bundled packages as they are read. Each names the exact text it replaces and stops the
// build when that text is gone (after an upgrade: check whether the fix is still needed, then adjust it).
const PATCHES = [
  {
    // moddle-xml writes a prefixed attribute of a vendor (generic) element that is in the element's own
    // namespace without its prefix: <triso:allowedValues triso:constraintsType="…"> became
    // constraintsType="…", a different attribute in XML, and merged with an unprefixed one of that name.
    file: /moddle-xml[\\/]dist[\\/]index\.js$/,
    find: 'self.addAttribute(self.nsAttributeName(attr.name), attr.value);',
    replace: 'var name = self.nsAttributeName(attr.name);\n' +
      '      if (attr.name.indexOf(\':\') !== -1 && !name.prefix) { name = assign({ localName: name.localName }, self.logNamespaceUsed(parseNameNS(attr.name))); }\n' +
      '      self.addAttribute(name, attr.value);'
  }
];

const patchPackages = {
  name: 'serviceflow-patches',
  setup(build) {
    for (const patch of PATCHES) {
      build.onLoad({ filter: patch.file }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes(patch.find)) {
          throw new Error(`${args.path} no longer contains the text a ServiceFlow patch replaces (build.mjs, PATCHES): ${patch.find}`);
        }
        return { contents: text.replace(patch.find, patch.replace), loader: 'js' };
      });
    }
  }
};
// One Preact for every bundle: form-js-editor pins an older copy of its own, while the form-js viewer it renders with
// and the properties panel use the top-level one; two copies in one bundle break hooks and nothing renders.
const onePreact = {
  name: 'serviceflow-one-preact',
  setup(build) {
    build.onResolve({ filter: /^preact(\/.*)?$/ }, (args) => {
      if (args.pluginData === 'one-preact') return undefined;
      return build.resolve(args.path, { resolveDir: here, kind: args.kind, pluginData: 'one-preact' });
    });
  }
};

const outdir = resolve(here, '../wwwroot/dist');
const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

/** @type {import('esbuild').BuildOptions} */
const options = {
  absWorkingDir: here,
  entryPoints: { designer: 'src/designer.js', viewer: 'src/viewer.js', reports: 'src/reports.js', heatmap: 'src/heatmap.js', decisions: 'src/decisions.js', forms: 'src/forms.js', formeditor: 'src/formeditor.js' },
  outdir,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  legalComments: dev ? 'inline' : 'none', // licences go to THIRD-PARTY-NOTICES.txt
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
  loader: {
    '.woff': 'file',
    '.woff2': 'file',
    '.ttf': 'file',
    '.eot': 'file',
    '.svg': 'file'
  },
  assetNames: 'fonts/[name]-[hash]',
  plugins: [patchPackages, onePreact],
  define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' }
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log(`watching ${join(here, 'src')} -> ${outdir}`);
} else {
  const result = await esbuild.build(options);
  await writeNotices(result.metafile);
  await report();
}

/** Concatenates the licence files of every npm package that ended up in a bundle. */
async function writeNotices(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (match && !packages.has(match[2])) {
      packages.set(match[2], resolve(here, match[1]));
    }
  }
  const sections = [];
  for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const licenceFile = (await readdir(dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = licenceFile ? (await readFile(join(dir, licenceFile), 'utf8')).trim() : `License: ${pkg.license}`;
    sections.push(`${name}@${pkg.version} (${pkg.license})\n${'-'.repeat(72)}\n${text}\n`);
  }
  const header = 'Third-party software bundled in designer.js / viewer.js / reports.js / heatmap.js / decisions.js / forms.js / formeditor.js (ServiceFlow).\n' +
    'bpmn-js, dmn-js and form-js are used under the bpmn.io license: the bpmn.io watermark must stay visible.\n\n';
  await writeFile(join(outdir, 'THIRD-PARTY-NOTICES.txt'), header + sections.join('\n'));
}

async function report() {
  const files = [];
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(path);
      } else {
        files.push(path);
      }
    }
  };
  await walk(outdir);
  const { stat } = await import('node:fs/promises');
  for (const file of files.sort()) {
    const { size } = await stat(file);
    console.log(`  ${file.slice(outdir.length + 1).padEnd(40)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
  }
}
