import cliProgress from 'cli-progress';

export interface ProgressBar {
  increment(by?: number): void;
  stop(): void;
}

/** Where the CLI tells a person what happens (stderr), so stdout stays for results. */
export interface Reporter {
  info(message: string): void;
  warn(message: string): void;
  bar(label: string, total: number, unit: string): ProgressBar;
}

const noBar: ProgressBar = { increment: () => undefined, stop: () => undefined };

/** Errors only: for scripts (`--quiet`, `--json`). */
export const silentReporter: Reporter = { info: () => undefined, warn: () => undefined, bar: () => noBar };

/** Progress bars with rate and ETA on a terminal; plain lines otherwise. */
export function consoleReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  let multibar: cliProgress.MultiBar | null = null;
  const write = (message: string) => (multibar ? multibar.log(`${message}\n`) : stream.write(`${message}\n`));
  return {
    info: write,
    warn: (message) => write(`warning: ${message}`),
    bar(label, total, unit) {
      if (!stream.isTTY || total === 0) {
        if (total > 0) write(`${label}: ${total} ${unit}`);
        return noBar;
      }
      multibar = new cliProgress.MultiBar(
        {
          stream,
          format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
          hideCursor: true,
          etaBuffer: 50,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      );
      const started = Date.now();
      let value = 0;
      const bar = multibar.create(total, 0, { rate: '0.0' });
      const owner = multibar;
      return {
        increment(by = 1) {
          value += by;
          bar.increment(by, { rate: (value / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1) });
        },
        stop() {
          owner.stop();
          if (multibar === owner) multibar = null;
        },
      };
    },
  };
}
