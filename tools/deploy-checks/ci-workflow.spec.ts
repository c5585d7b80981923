import { describe, expect, it } from '@jest/globals';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { SERVICES } from './app-contract.js';
import { dockerfileStages } from './dockerfile.js';
import { readText, readYaml } from './repo-files.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
}
interface WorkflowJob {
  'runs-on': string;
  needs?: string | string[];
  services?: Record<string, { image: string; env?: Record<string, string>; ports?: string[]; options?: string }>;
  strategy?: { matrix: Record<string, string[]> };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  jobs: Record<string, WorkflowJob>;
}

const FILE = '.github/workflows/ci.yml';
const content = readText(FILE);
const workflow = readYaml<Workflow>(FILE);

function workflowErrors(text: string): string[] {
  const result = parseWorkflow({ name: 'ci.yml', content: text }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => error.message);
}

describe('.github/workflows/ci.yml', () => {
  it("is a valid workflow for GitHub's own workflow parser and schema (@actions/workflow-parser)", () => {
    expect(workflowErrors(content)).toEqual([]);
    // The parser is real: an unknown key in a job and `with` on a run step are errors.
    expect(
      workflowErrors(content.replace('    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    run-on: ubuntu-latest\n')),
    ).toEqual([expect.stringMatching(/Unexpected value 'run-on'/)]);
  });

  it('runs on push and pull_request', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('tests against PostgreSQL 15 (trust auth) and Redis 7 service containers on the ports the tests use', () => {
    const { services, env } = workflow.jobs.test!;
    expect(services!.postgres!.image).toMatch(/^postgres:15/);
    expect(services!.postgres!.env).toMatchObject({ POSTGRES_HOST_AUTH_METHOD: 'trust' });
    expect(services!.postgres!.ports).toEqual(['5432:5432']);
    expect(services!.postgres!.options).toMatch(/--health-cmd "pg_isready/);
    expect(services!.redis!.image).toMatch(/^redis:7/);
    expect(services!.redis!.ports).toEqual(['6379:6379']);
    expect(services!.redis!.options).toMatch(/--health-cmd "redis-cli ping"/);
    // What libs/testing connects to (TEST_POSTGRES_URL / TEST_REDIS_URL defaults).
    expect(env).toMatchObject({
      TEST_POSTGRES_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      TEST_REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(readText('libs/testing/src/test-database.ts')).toContain("'postgres://postgres@127.0.0.1:5432/postgres'");
  });

  it('installs the fonts, sets up the Node of .nvmrc with the npm cache and an Nx cache, then npm ci, lint, typecheck, build, npm test', () => {
    const { steps } = workflow.jobs.test!;
    const index = (predicate: (step: Step) => boolean) => {
      const found = steps.findIndex(predicate);
      expect(found).toBeGreaterThanOrEqual(0);
      return found;
    };
    const fonts = index((s) => /apt-get install[^\n]*fonts-dejavu-core[^\n]*fontconfig/.test(s.run ?? ''));
    const node = index((s) => (s.uses ?? '').startsWith('actions/setup-node@'));
    expect(steps[node]?.with).toEqual({ 'node-version-file': '.nvmrc', cache: 'npm' });
    const nxCache = index((s) => (s.uses ?? '').startsWith('actions/cache@'));
    expect(steps[nxCache]?.with!.path).toBe('.nx/cache');
    const run = (command: string) => index((s) => s.run === command);
    const order = [
      node,
      nxCache,
      run('npm ci --no-audit --no-fund'),
      run('npm run lint'),
      run('npm run typecheck'),
      run('npm run build'),
      run('npm test'),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(fonts).toBeLessThan(run('npm test'));
    // `npm test` is the README's test command.
    expect(readText('README.md')).toContain('npm test');
  });

  it('then builds every image target of the Dockerfile without pushing', () => {
    const images = workflow.jobs.images!;
    expect(images.needs).toBe('test');
    // The image targets are the stages that run something (a CMD): one per service, and the migration.
    const imageTargets = dockerfileStages()
      .filter((stage) => stage.instructions.some((i) => i.keyword === 'CMD'))
      .map((stage) => stage.name);
    expect([...imageTargets].sort()).toEqual([...SERVICES, 'migrate'].sort());
    expect([...images.strategy!.matrix.target!].sort()).toEqual([...imageTargets].sort());
    const build = images.steps.find((s) => (s.uses ?? '').startsWith('docker/build-push-action@'))!;
    expect(build.with).toMatchObject({ context: '.', file: 'Dockerfile', target: '${{ matrix.target }}', push: false });
  });
});
