/**
 * Whether the person has a mouse or trackpad (a fine pointer that can hover). A page that puts the
 * focus in a text field on arrival does so only then: on a phone or tablet, focusing a field opens
 * the on-screen keyboard over half of the page before the person has read it.
 */
export function hasFinePointer(
  matchMedia: ((query: string) => { matches: boolean }) | undefined = globalThis.matchMedia?.bind(globalThis),
): boolean {
  return matchMedia ? matchMedia('(hover: hover) and (pointer: fine)').matches : true;
}
