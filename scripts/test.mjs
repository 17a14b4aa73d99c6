#!/usr/bin/env node
// `npm test`: installs the browser the end-to-end tests need when it is missing, builds the web
// app when its sources changed, then runs every Vitest project (unit, api, e2e).
// With DATABASE_URL set, the API and browser suites run on PostgreSQL instead of PGlite.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function hasCjkFont() {
  if (!have('fc-list')) return false;
  return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0;
}

function ensureBrowser() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(chromium) && hasCjkFont()) return;
  if (process.getuid?.() !== 0) {
    console.error(`npm test: ${chromium} or a CJK font is missing; install Debian packages chromium and fonts-noto-cjk (needs root).`);
    process.exit(1);
  }
  console.log('npm test: installing chromium and fonts-noto-cjk from Debian packages …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync('apt-get install -y -qq chromium fonts-noto-cjk fontconfig', { stdio: 'inherit', env });
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function ensureWebBuilt() {
  const built = path.join(root, 'dist/web/index.html');
  const sources = Math.max(newestMtime(path.join(root, 'web')), newestMtime(path.join(root, 'src/domain')), newestMtime(path.join(root, 'src/contract')));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  console.log('npm test: building the web app …');
  execSync('npx vite build --config web/vite.config.ts --logLevel warn', { stdio: 'inherit' });
}

ensureBrowser();
ensureWebBuilt();
console.log(`npm test: database = ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (embedded)'}`);
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
