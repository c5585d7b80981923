export interface ProbeReport {
  ok: boolean;
  checks: Record<string, string>;
}

/** Runs every check in parallel, each bounded by a timeout; `up` or `down: <reason>` per check. */
export async function probeAll(checks: Record<string, () => Promise<unknown>>, timeoutMs = 1000): Promise<ProbeReport> {
  // Promise.all keeps the checks' order in the report.
  const outcomes = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await settle(check, timeoutMs)] as const));
  return { ok: outcomes.every(([, outcome]) => outcome === 'up'), checks: Object.fromEntries(outcomes) };
}

/** `up` when `check` resolves within `timeoutMs`, else `down: <reason>`. */
async function settle(check: () => Promise<unknown>, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch (reason) {
    return `down: ${(reason as Error)?.message ?? reason}`;
  } finally {
    clearTimeout(timer);
  }
}
