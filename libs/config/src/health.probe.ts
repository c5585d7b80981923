export interface ProbeReport {
  ok: boolean;
  checks: Record<string, string>;
}

/** Runs every check in parallel, each bounded by a timeout; `up` or `down: <reason>` per check. */
export async function probeAll(checks: Record<string, () => Promise<unknown>>, timeoutMs = 1000): Promise<ProbeReport> {
  const names = Object.keys(checks);
  const results = await Promise.allSettled(
    names.map((name) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      return Promise.race([checks[name]!(), timeout]).finally(() => clearTimeout(timer));
    }),
  );
  const report: Record<string, string> = {};
  results.forEach((result, i) => {
    report[names[i]!] = result.status === 'fulfilled' ? 'up' : `down: ${(result.reason as Error)?.message ?? result.reason}`;
  });
  return { ok: results.every((r) => r.status === 'fulfilled'), checks: report };
}
