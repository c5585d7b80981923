import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import { loadConfig } from '@invoice/config';
import { QUEUES } from '@invoice/contracts';
import { APPS, ENV_SCHEMAS, HEALTH, MIGRATE_COMMAND, SERVICES, type AppName, type ServiceName } from './app-contract.js';
import { checkPromql, exportedSeries, parsePromql } from './promql.js';
import { readText, readYaml, readYamlDocuments, repoPath } from './repo-files.js';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}
interface Kustomization {
  apiVersion: string;
  kind: string;
  namespace: string;
  resources: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

/** The model class (with the Kubernetes OpenAPI schema behind `.validate()`) of every kind used here. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
};

const kustomization = readYaml<Kustomization>('k8s/kustomization.yaml');
const manifestFiles = readdirSync(repoPath('k8s'))
  .filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml')
  .sort();
const byFile = new Map(manifestFiles.map((file) => [file, readYamlDocuments<Manifest>(`k8s/${file}`)]));
const applied = kustomization.resources.flatMap((file) => byFile.get(file) ?? []);
const all = [...byFile.values()].flat();

function find<T = Manifest>(kind: string, name: string, from: Manifest[] = applied): T {
  const found = from.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in k8s/`);
  return found as T;
}

interface DeploymentManifest extends Manifest {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: IPodSpec };
  };
}
interface JobManifest extends Manifest {
  spec: { template: { spec: IPodSpec } };
}

const configMap = find<Manifest & { data: Record<string, string> }>('ConfigMap', 'invoice-ocr-config');
const secretTemplate = find<Manifest & { stringData: Record<string, string> }>(
  'Secret',
  'invoice-ocr-secrets',
  byFile.get('secret.template.yaml'),
);
const deployments: Record<ServiceName, DeploymentManifest> = {
  gateway: find('Deployment', 'gateway'),
  'ocr-worker': find('Deployment', 'ocr-worker'),
  segmentation: find('Deployment', 'segmentation'),
};
/** Deployments whose replica count an autoscaler (HPA or KEDA ScaledObject) owns. */
const autoscaled = new Set(
  applied
    .filter((m) => m.kind === 'HorizontalPodAutoscaler' || m.kind === 'ScaledObject')
    .map((m) => (m as Manifest & { spec: { scaleTargetRef: { name: string } } }).spec.scaleTargetRef.name),
);
const migrateJob = find<JobManifest>('Job', 'invoice-ocr-migrate');

/** Names of the variables a container gets, with where each comes from. */
function containerEnv(container: IContainer): Map<string, { value?: string; secret?: { name: string; key: string }; configMap?: string }> {
  const env = new Map<string, { value?: string; secret?: { name: string; key: string }; configMap?: string }>();
  for (const from of container.envFrom ?? []) {
    expect(from.secretRef).toBeUndefined(); // a whole Secret would hand every app every secret
    const name = from.configMapRef?.name;
    expect(name).toBe(configMap.metadata.name);
    for (const [key, value] of Object.entries(configMap.data)) env.set(key, { value, configMap: name });
  }
  for (const variable of container.env ?? []) {
    const secret = variable.valueFrom?.secretKeyRef;
    env.set(variable.name, secret ? { secret: { name: secret.name!, key: secret.key } } : { value: variable.value });
  }
  return env;
}

function cpu(quantity: string | number | undefined): number {
  const text = String(quantity);
  return text.endsWith('m') ? Number(text.slice(0, -1)) / 1000 : Number(text);
}
function bytes(quantity: string | number | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(String(quantity));
  if (!match) throw new Error(`unparsed quantity ${quantity}`);
  const unit = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, K: 1e3, M: 1e6, G: 1e9 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * unit;
}

/** Every check that applies to one container of an app: env keys, secrets, security, /tmp, resources. */
function expectContainerFollowsContract(app: AppName, container: IContainer, podSpec: IPodSpec) {
  const env = containerEnv(container);
  const contract = APPS[app];
  const unknown = [...env.keys()].filter((name) => !contract.envKeys.has(name));
  expect({ container: container.name, unknown }).toEqual({ container: container.name, unknown: [] });
  for (const name of contract.requiredInProduction) {
    expect({ name, source: env.get(name) }).toEqual({ name, source: { secret: { name: secretTemplate.metadata.name, key: name } } });
  }
  for (const source of env.values()) {
    if (source.secret) expect(Object.keys(secretTemplate.stringData)).toContain(source.secret.key);
  }
  expect(env.get('NODE_ENV')?.value).toBe('production');
  expect(container.securityContext).toMatchObject({
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
  });
  const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
  expect(tmp).toBeDefined();
  expect(podSpec.volumes?.find((volume) => volume.name === tmp!.name)?.emptyDir).toBeDefined();
  for (const kind of ['requests', 'limits'] as const) {
    expect(container.resources?.[kind]?.cpu).toBeDefined();
    expect(container.resources?.[kind]?.memory).toBeDefined();
  }
}

describe('k8s/: every manifest is valid against the Kubernetes (and KEDA) schemas', () => {
  it('parses every file, and knows every kind it contains', () => {
    expect(manifestFiles).toEqual(
      expect.arrayContaining([
        'configmap.yaml',
        'gateway.yaml',
        'migrate-job.yaml',
        'ocr-worker.yaml',
        'segmentation.yaml',
        'secret.template.yaml',
      ]),
    );
    for (const manifest of all) expect(Object.keys(MODELS)).toContain(`${manifest.apiVersion}/${manifest.kind}`);
  });

  it.each(all.map((manifest) => [`${manifest.kind}/${manifest.metadata.name}`, manifest] as const))('%s validates', (_name, manifest) => {
    const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`]!;
    expect(() => new Model(manifest as never).validate()).not.toThrow();
  });

  it('rejects what the schemas forbid (the validation is real)', () => {
    const broken = structuredClone(deployments['ocr-worker']);
    broken.spec.template.spec.containers[0]!.ports![0]!.containerPort = '9464' as never;
    expect(() => new Deployment(broken as never).validate()).toThrow(/containerPort must be integer/);
    const scaledObject = structuredClone(
      find<Manifest & { spec: { triggers: { metadata: Record<string, unknown> }[] } }>('ScaledObject', 'ocr-worker'),
    );
    scaledObject.spec.triggers[0]!.metadata.threshold = 3; // KEDA trigger metadata is a map of strings
    expect(() => new ScaledObject(scaledObject as never).validate()).toThrow(/must be string/);
  });

  it('kustomization: applies every manifest except the Secret template, in one namespace, with the images the pods use', () => {
    expect(kustomization).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', namespace: 'invoice-ocr' });
    expect([...kustomization.resources].sort()).toEqual(manifestFiles.filter((file) => file !== 'secret.template.yaml'));
    expect(find('Namespace', 'invoice-ocr')).toBeDefined();
    for (const manifest of all) expect(manifest.metadata.namespace).toBeUndefined(); // set by kustomize
    const images = new Set((kustomization.images ?? []).map((image) => image.name));
    const podSpecs = [...Object.values(deployments).map((d) => d.spec.template.spec), migrateJob.spec.template.spec];
    for (const container of podSpecs.flatMap((spec) => [...(spec.initContainers ?? []), ...spec.containers])) {
      expect(images.has(container.image!)).toBe(true);
    }
  });

  it('the Secret template holds placeholders only, clearly marked', () => {
    expect(readText('k8s/secret.template.yaml')).toMatch(/TEMPLATE ONLY/);
    for (const [key, value] of Object.entries(secretTemplate.stringData)) {
      expect({ key, placeholder: value.includes('REPLACE_ME') }).toEqual({ key, placeholder: true });
    }
    expect(secretTemplate).not.toHaveProperty('data');
  });

  it('runs every long-running service: a Deployment, a Service naming its port and a PodDisruptionBudget each', () => {
    const named = (kind: string) => applied.filter((m) => m.kind === kind).map((m) => m.metadata.name);
    expect(named('Deployment').sort()).toEqual([...SERVICES].sort());
    for (const app of SERVICES) {
      expect(named('PodDisruptionBudget')).toContain(app);
      expect(named('Service').some((name) => name === app || name === `${app}-metrics`)).toBe(true);
    }
  });
});

describe('k8s/: the Deployments run the apps as the apps expect', () => {
  it.each(SERVICES)('%s: env keys of its zod schema only, production secrets from the Secret, hardened containers', (app) => {
    const spec = deployments[app].spec.template.spec;
    expect(spec.containers).toHaveLength(1);
    expectContainerFollowsContract(app, spec.containers[0]!, spec);
    for (const init of spec.initContainers ?? []) {
      expect(init.command).toEqual(MIGRATE_COMMAND);
      expectContainerFollowsContract('migrate', init, spec);
    }
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.securityContext?.runAsUser).not.toBe(0);
    expect(spec.enableServiceLinks).toBe(false);
    // An HPA / KEDA owns the replica count of the autoscaled ones; the others set it themselves.
    if (autoscaled.has(app)) expect(deployments[app].spec.replicas).toBeUndefined();
    else expect(deployments[app].spec.replicas).toBeGreaterThanOrEqual(1);
  });

  it.each(SERVICES)('%s: accepts its environment in production (ConfigMap, values, and the Secret filled in)', (app) => {
    const container = deployments[app].spec.template.spec.containers[0]!;
    const filled = (value: string) => value.replaceAll('REPLACE_ME', 'sample0123456789abcdef0123456789abcdef');
    const env = Object.fromEntries(
      [...containerEnv(container)].map(([name, source]) => [
        name,
        source.secret ? filled(secretTemplate.stringData[source.secret.key]!) : source.value!,
      ]),
    );
    const { config, warning } = loadConfig(ENV_SCHEMAS[app], env);
    expect(warning).toBeNull();
    expect((config as { NODE_ENV: string }).NODE_ENV).toBe('production');
  });

  it.each(SERVICES)("%s: probes, port and scrape annotations match the app's", (app) => {
    const { template } = deployments[app].spec;
    const container = template.spec.containers[0]!;
    const port = APPS[app].port!;
    const portOf = (ref: string | number | undefined) =>
      typeof ref === 'number' ? ref : container.ports?.find((p) => p.name === ref)?.containerPort;
    expect(container.ports?.map((p) => p.containerPort)).toEqual([port]);
    expect(container.env?.find((e) => e.name === 'PORT')?.value).toBe(String(port));
    expect(container.readinessProbe?.httpGet?.path).toBe(HEALTH.ready);
    expect(container.livenessProbe?.httpGet?.path).toBe(HEALTH.live);
    expect(container.startupProbe?.httpGet?.path).toBe(HEALTH.live);
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe])
      expect(portOf(probe?.httpGet?.port)).toBe(port);
    expect(template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(port),
      'prometheus.io/path': HEALTH.metrics,
    });
  });

  it('ocr-worker: one OCR job per pod with about 1 CPU and 1 GiB, and time to finish the job in hand', () => {
    const spec = deployments['ocr-worker'].spec.template.spec;
    const container = spec.containers[0]!;
    const env = containerEnv(container);
    expect(env.get('OCR_CONCURRENCY')?.value).toBe('1');
    expect(cpu(container.resources?.requests?.cpu)).toBeGreaterThanOrEqual(1);
    expect(bytes(container.resources?.requests?.memory)).toBeGreaterThanOrEqual(1024 ** 3);
    expect(bytes(container.resources?.limits?.memory)).toBeGreaterThanOrEqual(bytes(container.resources?.requests?.memory));
    // Longer than an OCR job and than the lock a killed worker's job waits out.
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(120);
    expect(spec.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(Number(env.get('OCR_LOCK_DURATION_MS')?.value ?? 30_000));
  });

  it('segmentation: no autoscaler (more pods add availability only), about 1 CPU and 1 GiB at most, time to finish a run', () => {
    expect(autoscaled.has('segmentation')).toBe(false);
    const spec = deployments.segmentation.spec.template.spec;
    const { resources } = spec.containers[0]!;
    expect(cpu(resources?.limits?.cpu)).toBe(1);
    expect(bytes(resources?.limits?.memory)).toBe(1024 ** 3);
    // A run on 100k customers takes a few hundred MB: the request leaves room for it.
    expect(bytes(resources?.requests?.memory)).toBeGreaterThanOrEqual(256 * 1024 ** 2);
    expect(bytes(resources?.requests?.memory)).toBeLessThanOrEqual(bytes(resources?.limits?.memory));
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
  });

  it('migration Job: the migrate CLI with the shared schema only, DATABASE_URL from the Secret', () => {
    const spec = migrateJob.spec.template.spec;
    expect(spec.restartPolicy).toBe('OnFailure');
    expect(spec.containers[0]?.command).toEqual(MIGRATE_COMMAND);
    expectContainerFollowsContract('migrate', spec.containers[0]!, spec);
  });
});

describe('k8s/: Services, autoscaling and disruption budgets point at the right pods', () => {
  const podLabels = (name: ServiceName) => deployments[name].spec.template.metadata.labels;

  it("Services select the Deployments' pods and target their named ports", () => {
    for (const [service, app] of [
      ['gateway', 'gateway'],
      ['ocr-worker-metrics', 'ocr-worker'],
      ['segmentation-metrics', 'segmentation'],
    ] as const) {
      const manifest = find<Manifest & { spec: { selector: Record<string, string>; ports: { targetPort: string | number }[] } }>(
        'Service',
        service,
      );
      expect(podLabels(app)).toMatchObject(manifest.spec.selector);
      const names = deployments[app].spec.template.spec.containers[0]!.ports!.map((p) => p.name);
      for (const port of manifest.spec.ports) expect(names).toContain(port.targetPort);
    }
    for (const app of SERVICES) expect(podLabels(app)).toMatchObject(deployments[app].spec.selector.matchLabels);
    // No two Deployments select each other's pods.
    for (const a of SERVICES)
      for (const b of SERVICES) if (a !== b) expect(podLabels(b)).not.toMatchObject(deployments[a].spec.selector.matchLabels);
  });

  it('HPA (autoscaling/v2) scales the gateway on CPU', () => {
    const hpa = find<
      Manifest & {
        spec: {
          scaleTargetRef: object;
          minReplicas: number;
          maxReplicas: number;
          metrics: { type: string; resource?: { name: string } }[];
        };
      }
    >('HorizontalPodAutoscaler', 'gateway');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    expect(hpa.spec.metrics).toContainEqual(
      expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) }),
    );
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
  });

  it('PodDisruptionBudgets select the pods of each Deployment', () => {
    for (const app of SERVICES) {
      const pdb = find<Manifest & { spec: { selector: { matchLabels: Record<string, string> } } }>('PodDisruptionBudget', app);
      expect(podLabels(app)).toMatchObject(pdb.spec.selector.matchLabels);
    }
  });

  it('KEDA scales the OCR workers from 0 on the OCR backlog (waiting and prioritized jobs) from Prometheus', async () => {
    const scaled = find<
      Manifest & {
        spec: {
          scaleTargetRef: object;
          minReplicaCount: number;
          maxReplicaCount: number;
          triggers: { type: string; metadata: Record<string, string>; authenticationRef?: { name: string } }[];
        };
      }
    >('ScaledObject', 'ocr-worker');
    expect(scaled.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'ocr-worker' });
    expect(scaled.spec.minReplicaCount).toBe(0);
    expect(scaled.spec.maxReplicaCount).toBeGreaterThan(1);
    expect(scaled.spec.triggers).toHaveLength(1);
    const [trigger] = scaled.spec.triggers;
    expect(trigger!.type).toBe('prometheus');
    expect(trigger!.metadata.serverAddress).toMatch(/^https?:\/\/[^/]+(:\d+)?$/);
    expect(trigger!.metadata.threshold).toMatch(/^[1-9]\d*$/);
    expect(trigger!.metadata.activationThreshold).toBe('0');
    // A valid query over series the services export, on the OCR queue's waiting and prioritized jobs.
    const query = trigger!.metadata.query!;
    expect(checkPromql(query, await exportedSeries(['gateway', 'ocr-worker']))).toEqual([]);
    expect(parsePromql(query).selectors).toEqual([
      {
        metric: 'invoice_ocr_queue_jobs',
        matchers: expect.arrayContaining([
          { label: 'queue', op: 'EqlSingle', value: QUEUES.OCR },
          { label: 'state', op: 'EqlRegex', value: 'waiting|prioritized' },
        ]),
      },
    ]);
  });
});
