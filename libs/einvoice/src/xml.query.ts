import type { XmlElement } from './xml.tree.js';

/**
 * Element lookups by local name (namespaces ignored: ZUGFeRD 1.0, its pre-release and 2.x name the same
 * elements under different namespaces, and some producers leave children unqualified). Each step of a path may
 * list alternatives (`'ExchangedDocument|HeaderExchangedDocument'`).
 */
const matches = (element: XmlElement, step: string) => step.split('|').includes(element.name);

/** Every element at the end of `path` below `from`. */
export function all(from: XmlElement | null | undefined, ...path: string[]): XmlElement[] {
  let current = from ? [from] : [];
  for (const step of path) current = current.flatMap((e) => e.children.filter((c) => matches(c, step)));
  return current;
}

/** The first element at the end of `path`, or null. */
export const first = (from: XmlElement | null | undefined, ...path: string[]): XmlElement | null => all(from, ...path)[0] ?? null;

/** The text of an element, whitespace runs collapsed to one space; null when empty or missing. */
export function textOf(element: XmlElement | null | undefined): string | null {
  const text = element?.text.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

/** The text at the end of `path`, collapsed; null when missing or empty. */
export const text = (from: XmlElement | null | undefined, ...path: string[]): string | null => textOf(first(from, ...path));

/** A decimal as a number (`1234.50`, `-3`); null when missing, empty or not a plain decimal. */
export function decimalOf(element: XmlElement | null | undefined): number | null {
  const raw = textOf(element);
  if (raw === null || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw)) return null;
  return Number(raw);
}

export const decimal = (from: XmlElement | null | undefined, ...path: string[]): number | null => decimalOf(first(from, ...path));

/** A date as ISO `yyyy-mm-dd` from `yyyymmdd` (format 102), `yyyy-mm-dd` or `yyyy-mm-ddThh:mm:ss`; null otherwise. */
export function isoDate(raw: string | null): string | null {
  if (!raw) return null;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|T)/.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d) ? null : `${y}-${mo}-${d}`;
}
