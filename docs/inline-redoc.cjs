// Makes the page of `redocly build-docs` self-contained: it loads Redoc's standalone bundle
// from a CDN (<script src="https://cdn.redocly.com/redoc/vX/bundles/redoc.standalone.js">),
// which the page's Content-Security-Policy (script-src 'self') would block and which a
// machine without the internet cannot fetch. This puts the same bundle, from the installed
// redoc package (the version the page was pre-rendered with), inline instead, and then
// refuses any page that would still load a script, a style sheet or a font from elsewhere.
//
// Usage: node inline-redoc.cjs PAGE.html   (rewritten in place)
'use strict';
const fs = require('fs');
const path = require('path');

function fail(message) {
  process.stderr.write(`inline-redoc: ${message}\n`);
  process.exit(1);
}

const page = process.argv[2];
if (!page) fail('usage: node inline-redoc.cjs PAGE.html');
let html = fs.readFileSync(page, 'utf8');

// The redoc that @redocly/cli itself resolves (it renders the page's initial state).
const cliDir = path.dirname(require.resolve('@redocly/cli/package.json', { paths: [__dirname] }));
const redocPackage = require.resolve('redoc/package.json', { paths: [cliDir] });
const redocVersion = require(redocPackage).version;
const bundlePath = path.join(path.dirname(redocPackage), 'bundles', 'redoc.standalone.js');

const cdnScript =
  /<script src="https:\/\/cdn\.redocly\.com\/redoc\/v([^/"]+)\/bundles\/redoc\.standalone\.js"><\/script>/g;
const found = [...html.matchAll(cdnScript)];
if (found.length !== 1) {
  fail(`expected one CDN <script> for redoc.standalone.js in ${page}, found ${found.length}` +
       ' (did @redocly/cli change its template?)');
}
if (found[0][1] !== redocVersion) {
  fail(`the page asks for redoc ${found[0][1]}, the installed bundle is ${redocVersion}`);
}

// Nothing else may come from another origin at view time (checked before the bundle goes in:
// its code mentions URLs that are not loads).
const external = /<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href|data)\s*=\s*["']?(https?:)?\/\//gi;
const left = [...html.replace(cdnScript, '').matchAll(external)].map((m) => m[0]);
if (left.length > 0) fail(`the page still loads from elsewhere: ${left.join(' | ')}`);

let bundle = fs.readFileSync(bundlePath, 'utf8');
// Its source map is not shipped with the page.
bundle = bundle.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
// Inline, the text must not end the <script> element early.
if (/<\/script/i.test(bundle)) fail(`${bundlePath} contains "</script": cannot inline it as is`);

html = html.replace(cdnScript, () => `<script>\n${bundle}</script>`);

fs.writeFileSync(page, html);
process.stdout.write(`inline-redoc: inlined redoc ${redocVersion} standalone bundle into ${page}\n`);
