import { seededRandom, type CustomerAggregate } from '@invoice/segmentation';

/**
 * Synthetic customer populations of known behaviours, for measuring the segmentation against a
 * truth. Every customer is simulated invoice by invoice over the two years before the reference
 * date (purchases as a Poisson process over the customer's active window, amounts log-normal),
 * then aggregated as the SQL does: recency of the last purchase, number of purchases, sum.
 */
export interface Population {
  name: string;
  kind: 'groups' | 'continuum';
  rows: CustomerAggregate[];
  /** Known behaviour of every customer, in the order of rows. */
  truth: string[];
  invoices: number;
}

interface Behaviour {
  name: string;
  share: number;
  /** Active window, in days before the reference date: [from, to], from > to. */
  window: (random: () => number) => [number, number];
  /** Purchases per year while active; `once` for exactly one purchase. */
  rate: number | 'once';
  /** Median amount of an invoice. */
  amount: number;
}

const HORIZON = 730;

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function simulate(key: string, window: [number, number], rate: number | 'once', amount: number, random: () => number): CustomerAggregate {
  const [from, to] = window;
  const dates: number[] = [];
  if (rate === 'once') dates.push(to + random() * (from - to));
  else {
    for (
      let t = from - (-Math.log(Math.max(random(), 1e-12)) * 365) / rate;
      t >= to;
      t -= (-Math.log(Math.max(random(), 1e-12)) * 365) / rate
    )
      dates.push(t);
    if (dates.length === 0) dates.push(to + random() * (from - to));
  }
  let monetary = 0;
  for (let i = 0; i < dates.length; i++) monetary += Math.round(amount * Math.exp(0.5 * normal(random)) * 100) / 100;
  return { customerKey: key, recencyDays: Math.floor(Math.min(...dates)), frequency: dates.length, monetary };
}

/** The five behaviours of the issue: loyal big spenders, regulars, one-off buyers, lapsed, new. */
function behaviours(shares: [number, number, number, number, number]): Behaviour[] {
  const [big, regular, oneOff, lapsed, fresh] = shares;
  return [
    { name: 'loyal big spender', share: big, window: () => [HORIZON, 0], rate: 20, amount: 900 },
    { name: 'regular', share: regular, window: () => [HORIZON, 0], rate: 8, amount: 120 },
    { name: 'one-off', share: oneOff, window: () => [HORIZON, 90], rate: 'once', amount: 90 },
    { name: 'lapsed', share: lapsed, window: (r) => [HORIZON, 300 + r() * 200], rate: 6, amount: 150 },
    { name: 'new', share: fresh, window: () => [45, 0], rate: 12, amount: 110 },
  ];
}

export function groupsPopulation(
  name: string,
  customers: number,
  seed: number,
  shares: [number, number, number, number, number],
): Population {
  const random = seededRandom(seed);
  const rows: CustomerAggregate[] = [];
  const truth: string[] = [];
  const list = behaviours(shares);
  for (let i = 0; i < customers; i++) {
    let u = random();
    const behaviour = list.find((b) => (u -= b.share) < 0) ?? list.at(-1);
    if (!behaviour) throw new RangeError('a population needs at least one behaviour');
    rows.push(simulate(`c${i}`, behaviour.window(random), behaviour.rate, behaviour.amount, random));
    truth.push(behaviour.name);
  }
  return { name, kind: 'groups', rows, truth, invoices: rows.reduce((s, r) => s + r.frequency, 0) };
}

/**
 * No groups: engagement e ~ U(0, 1) sets the purchase rate (1 to 25 a year) and the amount, and the
 * customer stops buying at a uniform point of the two years. The truth is the behaviour those
 * latent values describe: engaged (e >= 0.5) or occasional, still active (stopped under 180 days
 * ago) or lapsed: four behaviours along a continuum.
 */
export function continuumPopulation(name: string, customers: number, seed: number): Population {
  const random = seededRandom(seed);
  const rows: CustomerAggregate[] = [];
  const truth: string[] = [];
  for (let i = 0; i < customers; i++) {
    const engagement = random();
    const stopped = random() * HORIZON * 0.8;
    rows.push(simulate(`c${i}`, [HORIZON, stopped], 1 + 24 * engagement ** 2, 60 * Math.exp(2 * engagement), random));
    truth.push(`${engagement >= 0.5 ? 'engaged' : 'occasional'}, ${stopped < 180 ? 'active' : 'lapsed'}`);
  }
  return { name, kind: 'continuum', rows, truth, invoices: rows.reduce((s, r) => s + r.frequency, 0) };
}
