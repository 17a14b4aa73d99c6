#!/usr/bin/env node
// `npm run check:cycles`: fails when the server (src) or the web app (web/src) has a circular import.
// Madge's command line hands its parsed tsconfig back to the resolver as raw JSON, which drops the
// enum options (moduleResolution NodeNext), so `#contract/*` would go unresolved and any cycle
// through it unseen. Here the parsed options go in as they are, and an import madge cannot
// resolve fails the check too, since the files behind it would not be searched.
import path from 'node:path';
import madge from 'madge';
import ts from 'typescript';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const targets = [
  { dir: 'src', tsconfig: 'tsconfig.json' },
  { dir: 'web/src', tsconfig: 'web/tsconfig.json' },
];

function compilerOptions(tsconfig) {
  const file = path.join(root, tsconfig);
  const json = ts.readJsonConfigFile(file, ts.sys.readFile);
  return ts.parseJsonSourceFileConfigFileContent(json, ts.sys, path.dirname(file)).options;
}

let failed = false;
for (const { dir, tsconfig } of targets) {
  const result = await madge(path.join(root, dir), {
    fileExtensions: ['ts', 'tsx'],
    tsConfig: { options: compilerOptions(tsconfig) },
  });
  const cycles = result.circular();
  const { skipped } = result.warnings();
  const files = Object.keys(result.obj()).length;
  if (cycles.length > 0) {
    failed = true;
    console.error(`${dir}: ${cycles.length} circular import(s):`);
    for (const cycle of cycles) console.error(`  ${[...cycle, cycle[0]].join(' > ')}`);
  }
  if (skipped.length > 0) {
    failed = true;
    console.error(`${dir}: imports madge could not resolve (their files were not searched): ${skipped.join(', ')}`);
  }
  if (cycles.length === 0 && skipped.length === 0) console.log(`${dir}: ${files} files, no circular import`);
}
process.exit(failed ? 1 : 0);
