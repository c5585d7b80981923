import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { dockerfileStages } from './dockerfile.js';
import { enginesMinimumMajor, nodeMajor } from './node-runtime.js';
import { readText, repoPath } from './repo-files.js';

interface Manifest {
  engines?: { node?: string };
  devDependencies?: Record<string, string>;
}

const major = nodeMajor();
const manifest = JSON.parse(readText('package.json')) as Manifest;

describe('Node.js runtime: one major everywhere (.nvmrc)', () => {
  it('.nvmrc names a Node LTS line (even major, 24 or later)', () => {
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(24);
    expect(() => nodeMajor('lts/iron')).toThrow(/must name a Node version/);
    expect(nodeMajor('v24.11.1\n')).toBe(24);
  });

  it('package.json engines start at that major, the lockfile agrees, @types/node has the same major', () => {
    const engines = manifest.engines?.node ?? '';
    expect(enginesMinimumMajor(engines)).toBe(major);
    expect(() => enginesMinimumMajor('^24 || ^26')).toThrow(/engines.node/);
    const lock = JSON.parse(readText('package-lock.json')) as { packages: Record<string, Manifest & { version?: string }> };
    expect(lock.packages['']?.engines?.node).toBe(engines);
    expect(manifest.devDependencies?.['@types/node']).toMatch(new RegExp(`^\\^?${major}\\.`));
    expect(lock.packages['node_modules/@types/node']?.version).toMatch(new RegExp(`^${major}\\.`));
  });

  it('every node image of the Dockerfile is that major', () => {
    const images = dockerfileStages()
      .map((s) => s.from)
      .filter((from) => from.startsWith('node:'));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(new RegExp(`^node:${major}[-.]`));
  });

  it('.ci/run switches to that Node (.ci/node.sh) before npm ci', () => {
    const run = readText('.ci/run');
    const use = run.indexOf('\nci_node_use\n');
    expect(run).toContain('\nsource .ci/node.sh\n');
    expect(use).toBeGreaterThan(run.indexOf('\nsource .ci/node.sh\n'));
    expect(use).toBeLessThan(run.indexOf('\nnpm ci'));
  });
});

describe('.ci/node.sh', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  const bash = execFileSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim();
  /** A checkout with only .ci/node.sh and the given .nvmrc; PATH holds the running node and the few tools the script uses (no npm). */
  function run(nvmrc: string) {
    const root = mkdtempSync(path.join(tmpdir(), 'ci-node-'));
    dirs.push(root);
    mkdirSync(path.join(root, '.ci'));
    copyFileSync(repoPath('.ci/node.sh'), path.join(root, '.ci/node.sh'));
    writeFileSync(path.join(root, '.nvmrc'), nvmrc);
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, path.join(bin, 'node'));
    for (const tool of ['tr', 'dirname', 'cat', 'uname', 'rm', 'mkdir']) {
      symlinkSync(execFileSync(bash, ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(bin, tool));
    }
    // --norc and no stdin socket: bash would otherwise read ~/.bashrc as if started by sshd.
    const result = spawnSync(bash, ['--norc', '--noprofile', '-c', 'set -euo pipefail; source .ci/node.sh; ci_node_use; command -v node'], {
      cwd: root,
      env: { PATH: bin },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { ...result, installed: existsSync(path.join(root, '.ci/.node')), bin };
  }

  const running = Number(process.versions.node.split('.')[0]);

  it('keeps the system Node when it has the major of .nvmrc, installing nothing', () => {
    const result = run(`${running}\n`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`system Node ${process.version} has the required major ${running}`);
    expect(result.stdout.trim().split('\n').at(-1)).toBe(path.join(result.bin, 'node'));
    expect(result.installed).toBe(false);
  });

  it('fails with a message when another major is needed and there is no npm to fetch it with', () => {
    const result = run(`${running + 2}\n`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Node ${running + 2} is required (system: ${running}) and there is no npm to fetch it with`);
  });

  it('fails with a message when .nvmrc does not name a major', () => {
    const result = run('lts/*\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(".nvmrc must name a Node major (e.g. 24), found 'lts/*'");
  });
});
