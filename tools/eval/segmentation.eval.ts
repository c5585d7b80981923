/**
 * npm run eval:segmentation [-- --customers 5000 --sample-seeds 5]
 *
 * Segments synthetic populations of known behaviours (three with five groups in different
 * proportions, two continua) and prints, for each, the chosen k, the criteria of every k tried,
 * and the agreement (adjusted Rand index, adjusted mutual information) of the k-means clusters and
 * of the classic RFM grid with the true behaviours. Targets: agreement >= 0.70 on populations with
 * groups; on a continuum, the better of the two views flagged (the run's structure is "weak").
 * The chosen k is also counted over several sample seeds (the seed of the k-means and silhouette
 * samples), to show whether the choice is within sampling noise.
 */
import { adjustedMutualInformation, adjustedRandIndex, segmentCustomers } from '@invoice/segmentation';
import { intOption, printTable, round } from '../bench/bench.support.js';
import { continuumPopulation, groupsPopulation, type Population } from './segmentation.populations.js';

const customers = intOption('customers', 5000);
const sampleSeeds = intOption('sample-seeds', 5);
const populations: Population[] = [
  groupsPopulation('groups A', customers, 1, [0.1, 0.25, 0.3, 0.2, 0.15]),
  groupsPopulation('groups B', customers, 2, [0.05, 0.3, 0.35, 0.2, 0.1]),
  groupsPopulation('groups C', customers, 3, [0.15, 0.2, 0.25, 0.25, 0.15]),
  continuumPopulation('continuum A', customers, 4),
  continuumPopulation('continuum B', customers, 5),
];

const summary: Record<string, string | number>[] = [];
for (const population of populations) {
  const started = performance.now();
  const result = segmentCustomers(population.rows);
  const seconds = (performance.now() - started) / 1000;
  const clusters = result.customers.map((c) => c.cluster);
  const grid = result.customers.map((c) => c.rfmSegment);
  const kmeans = { ari: adjustedRandIndex(population.truth, clusters), ami: adjustedMutualInformation(population.truth, clusters) };
  const rfm = { ari: adjustedRandIndex(population.truth, grid), ami: adjustedMutualInformation(population.truth, grid) };
  const better = kmeans.ami >= rfm.ami ? 'k-means' : 'RFM grid';
  const flagged = result.structure === 'clear' ? 'k-means' : 'RFM grid';
  console.log(
    `\n${population.name} (${population.kind}): ${population.rows.length} customers, ${population.invoices} invoices, ${new Set(population.truth).size} behaviours`,
  );
  printTable(
    result.scores.map((s) => ({
      k: s.k,
      silhouette: round(s.silhouette ?? Number.NaN, 3),
      'Davies-Bouldin': round(s.daviesBouldin ?? Number.NaN, 3),
      'Calinski-Harabasz': round(s.calinskiHarabasz ?? Number.NaN, 0),
      stability: round(s.stability ?? Number.NaN, 3),
      'mean rank': round(s.rank, 2),
      chosen: s.k === result.k ? '<-' : '',
    })),
  );
  console.log(`segments: ${result.segments.map((s) => `${s.label} ${s.size}`).join(', ')}`);
  const kBySeed = new Map<number, number>();
  for (let seed = 0; seed < sampleSeeds; seed++) {
    const { k } = segmentCustomers(population.rows, { sampleSeed: seed });
    kBySeed.set(k, (kBySeed.get(k) ?? 0) + 1);
  }
  const seedCounts = [...kBySeed]
    .sort((a, b) => a[0] - b[0])
    .map(([k, count]) => `k=${k} ${count}/${sampleSeeds}`)
    .join(', ');
  console.log(`chosen k over sample seeds 0..${sampleSeeds - 1}: ${seedCounts}`);
  summary.push({
    population: population.name,
    kind: population.kind,
    k: result.k,
    structure: result.structure,
    'k-means ARI': round(kmeans.ari, 3),
    'k-means AMI': round(kmeans.ami, 3),
    'grid ARI': round(rfm.ari, 3),
    'grid AMI': round(rfm.ami, 3),
    'better (AMI)': better,
    'flagged view': flagged,
    'k over sample seeds': seedCounts,
    s: round(seconds, 1),
  });
}
console.log('\nSummary (agreement with the true behaviours; the flagged view is k-means when the structure is clear, else the RFM grid)');
printTable(summary);
const groups = summary.filter((s) => s.kind === 'groups');
const groupsOk = groups.every((s) => Math.max(Number(s['k-means ARI']), Number(s['k-means AMI'])) >= 0.7);
const continuumOk = summary.filter((s) => s.kind === 'continuum').every((s) => s['better (AMI)'] === s['flagged view']);
console.log(
  `\nTargets: k-means agreement >= 0.70 on every population with groups: ${groupsOk ? 'met' : 'NOT met'}; better view flagged on every continuum: ${continuumOk ? 'met' : 'NOT met'}`,
);
