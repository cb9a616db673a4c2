// Runs @doyensec/electronegativity over the privileged side (default: electron/) and fails on any
// high or medium finding, or on a file it could not parse (a file it cannot read is a file it did
// not check). Usage: node scripts/ci/electronegativity.mjs [dir] [--json]
//
// Offline by construction: the tool fetches translations and Electron's release list from the
// internet. Its `got` is replaced by one that fails at once, so translations fall back to the
// bundled English ones, and the one check that needs the release list
// (AvailableSecurityFixesGlobalCheck) is excluded: the Electron version is pinned exactly in
// package.json and passed in, so every other check judges the defaults of the version we ship.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const input = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? path.join(repoRoot, 'electron'));

const require = createRequire(path.join(repoRoot, 'package.json'));
const toolDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const gotPath = require.resolve('got', { paths: [toolDir] });
const offline = () => Promise.reject(new Error('electronegativity runs offline here'));
offline.head = offline;
offline.get = offline;
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
const run = require(toolDir);

const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const electronVersion = String(packageJson.devDependencies?.electron ?? packageJson.dependencies?.electron ?? '').replace(/^[^\d]*/, '');
if (!/^\d+\.\d+\.\d+/.test(electronVersion)) {
  console.error('electronegativity: package.json must pin electron to an exact version');
  process.exit(2);
}

// The tool prints its own notice when the (stubbed) translation download fails.
const log = console.log;
console.log = (...parts) => {
  if (String(parts[0]).startsWith('Could not retrieve updated translations')) return;
  log(...parts);
};
const result = await run(
  {
    input,
    isRelative: true,
    electronVersionOverride: electronVersion,
    customScan: [],
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  },
  false,
);
console.log = log;

// The tool honours `eng-disable CHECK_ID` comments; ours must say why on the same line.
const disablesWithoutReason = [];
for (const file of sourceFiles(input)) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const match = /(?:\/\*|\/\/)[ \t]*eng-disable[ \t]+[\w \t]+(.*)$/.exec(line);
      const reason = match?.[1]?.replace(/\*\/\s*$/, '').replace(/^[\s(:—-]+|[\s)]+$/g, '') ?? '';
      if (match && reason.length < 10) disablesWithoutReason.push(`${path.relative(input, file)}:${index + 1}`);
    });
}

const findings = result.issues.map((issue) => ({
  id: issue.id,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  file: issue.file,
  line: issue.location.line,
  column: issue.location.column,
}));
const blocking = findings.filter((finding) => finding.severity === 'HIGH' || finding.severity === 'MEDIUM' || finding.severity === 'CRITICAL');
const parseErrors = result.errors.filter((error) => !error.tolerable);
const failed = blocking.length > 0 || parseErrors.length > 0 || disablesWithoutReason.length > 0;

if (asJson) {
  console.log(JSON.stringify({ electronVersion, checks: result.globalChecks + result.atomicChecks, findings, parseErrors, disablesWithoutReason }, null, 2));
} else {
  console.log(`electronegativity over ${path.relative(repoRoot, input) || '.'} (Electron ${electronVersion}, ${result.globalChecks + result.atomicChecks} checks)`);
  for (const finding of findings) {
    console.log(`  ${finding.severity.padEnd(13)} ${finding.confidence.padEnd(9)} ${finding.id}  ${finding.file}:${finding.line}:${finding.column}`);
  }
  for (const error of parseErrors) console.log(`  could not parse ${error.file}: ${error.message}`);
  for (const where of disablesWithoutReason) console.log(`  eng-disable without a reason on the same line: ${where}`);
  console.log(
    failed
      ? `${blocking.length} high or medium finding(s), ${parseErrors.length} unparsed file(s), ${disablesWithoutReason.length} disable(s) without a reason`
      : 'no high or medium findings',
  );
}
process.exit(failed ? 1 : 0);

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(c|m)?(j|t)sx?$|\.html?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}
