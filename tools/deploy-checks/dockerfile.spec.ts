import { describe, expect, it } from '@jest/globals';
import { validate } from 'dockerfile-utils';
import { APPS, HEALTH, MIGRATE_COMMAND, runtimeLibs, SERVICES, workspaces } from './app-contract.js';
import { ancestry, dockerfileStages, type Stage } from './dockerfile.js';
import { nodeMajor } from './node-runtime.js';
import { exists, readText } from './repo-files.js';

const source = readText('Dockerfile');
const stages = dockerfileStages(source);
const stage = (name: string): Stage => {
  const found = stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
};
const args = (s: Stage, keyword: string) => s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
/** Instructions of a target and everything it is built FROM, outermost first. */
const chain = (name: string) =>
  ancestry(stages, name)
    .reverse()
    .flatMap((s) => s.instructions);
const TARGETS = {
  gateway: 'apps/gateway/dist/main.js',
  'ocr-worker': 'apps/ocr-worker/dist/main.js',
  segmentation: 'apps/segmentation/dist/main.js',
  migrate: MIGRATE_COMMAND[1]!,
} as const;

describe('Dockerfile', () => {
  it('passes the Docker language server validator (dockerfile-utils) without a diagnostic', () => {
    expect(validate(source).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    // The validator is real: it flags a misspelt instruction and a bad health check duration.
    expect(validate('FROM node:24-bookworm-slim\nRUNN npm ci\nHEALTHCHECK --interval=5 CMD true\n').length).toBe(2);
  });

  it('builds with npm ci + npm run build, and takes production dependencies from npm ci --omit=dev', () => {
    expect(
      chain('build')
        .filter((i) => i.keyword === 'RUN')
        .map((i) => i.args),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/npm ci\b(?!.*--omit)/), expect.stringMatching(/^npm run build$/)]));
    expect(args(stage('prod-deps'), 'RUN')).toEqual([expect.stringMatching(/npm ci --omit=dev\b/)]);
  });

  it('gives npm ci every workspace package.json, whatever workspaces exist (nothing to forget when one is added)', () => {
    // Every workspace npm knows of lives at apps/<name> or libs/<name>...
    const listed = workspaces();
    expect(listed.length).toBeGreaterThan(0);
    for (const dir of listed) expect(dir).toMatch(/^(apps|libs)\/[^/]+$/);
    // ...and the manifests stage takes apps/ and libs/ whole, keeping only <dir>/<name>/package.json.
    const collect = stage('workspace-manifests');
    expect(args(collect, 'COPY')).toEqual(['apps/ apps/', 'libs/ libs/']);
    expect(args(collect, 'RUN')).toEqual(['find apps libs -mindepth 2 -maxdepth 2 ! -name package.json -exec rm -rf {} +']);
    expect(args(stage('manifests'), 'COPY')).toEqual(['package.json package-lock.json ./', '--from=workspace-manifests /src/ ./']);
    expect(ancestry(stages, 'build').map((s) => s.name)).toContain('manifests');
    expect(ancestry(stages, 'prod-deps').map((s) => s.name)).toContain('manifests');
  });

  it('runtime: slim image of the Node major in .nvmrc, NODE_ENV=production, non-root, production deps and the dist/ of every lib the apps need, no sources', () => {
    const runtime = stage('runtime');
    expect(runtime.from).toMatch(new RegExp(`^node:${nodeMajor()}(\\.[.\\d]+)?(-[a-z]+)?-slim$`));
    expect(args(runtime, 'ENV')).toContain('NODE_ENV=production');
    const user = args(runtime, 'USER');
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    const copies = args(runtime, 'COPY');
    expect(copies).toContain('--from=prod-deps /app/ ./');
    const apps = SERVICES.map((service) => `apps/${service}`);
    expect(apps).toContain('apps/segmentation');
    const needed = new Set([...apps.flatMap((app) => runtimeLibs(app)), 'libs/database', ...apps]);
    expect(needed).toContain('libs/segmentation'); // the clustering library only the segmentation service uses
    for (const dir of needed) expect(copies).toContain(`--from=build /app/${dir}/dist/ ${dir}/dist/`);
    // Only dist/ folders come from the build stage: no sources, no dev dependencies.
    for (const copy of copies.filter((c) => c.includes('--from=build'))) expect(copy).toMatch(/\/dist\/ \S+\/dist\/$/);
    expect(copies.some((c) => !c.startsWith('--from='))).toBe(false);
  });

  it('has a target for every long-running service and the migration', () => {
    expect(Object.keys(TARGETS).sort()).toEqual([...SERVICES, 'migrate'].sort());
  });

  it.each(Object.entries(TARGETS))('target %s: runs its entry point on the runtime stage', (target, entry) => {
    const lineage = ancestry(stages, target).map((s) => s.name);
    expect(lineage).toContain('runtime');
    expect(JSON.parse(args(stage(target), 'CMD')[0]!)).toEqual(['node', entry]);
    // The entry point is compiled from a source file that exists.
    expect(exists(entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts'))).toBe(true);
  });

  it.each(SERVICES)("target %s: exposes the app's port and health-checks /health/live with node's fetch", (target) => {
    const port = APPS[target].port!;
    const own = stage(target);
    expect(args(own, 'ENV')).toContain(`PORT=${port}`);
    expect(args(own, 'EXPOSE')).toEqual([String(port)]);
    const [healthcheck] = args(own, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/^--interval=\d+s --timeout=\d+s --start-period=\d+s --retries=\d+ CMD \[/);
    const command = JSON.parse(healthcheck!.slice(healthcheck!.indexOf('CMD ') + 4)) as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain(`fetch('http://127.0.0.1:' + (process.env.PORT || ${port}) + '${HEALTH.live}')`);
  });

  it('bakes no secret into any stage', () => {
    for (const s of stages) {
      for (const instruction of s.instructions.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')) {
        expect(instruction.args).not.toMatch(/SECRET|PASSWORD|TOKEN|DATABASE_URL|REDIS_URL/i);
      }
    }
    expect(source).not.toMatch(/COPY[^\n]*\.env\b/);
  });

  it('.dockerignore keeps secrets, dependencies and local builds out of the context, and keeps what the build needs', () => {
    const ignored = readText('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.git', '**/node_modules', '**/dist', '.env', '.env.*']));
    const needed = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.base.json', 'apps', 'libs', ...workspaces()];
    expect(ignored.filter((pattern) => needed.includes(pattern))).toEqual([]);
    expect(stages.some((s) => args(s, 'COPY').some((c) => /^(tools|docs|k8s|monitoring)\b/.test(c)))).toBe(false);
  });
});
