import { Command, CommanderError, Option } from 'commander';
import {
  DEFAULT_URL,
  integerOption,
  normalizeUrl,
  OUTPUT_FORMATS,
  resolveCredentials,
  resolveUploadConfig,
  UsageError,
  type UploadCliOptions,
} from './cli.options.js';
import { ApiError, GatewayClient } from './gateway.client.js';
import { consoleReporter, silentReporter } from './progress.reporter.js';
import { exitCode, formatSummary, RunError, runUpload } from './upload.command.js';
import { StateFileError } from './upload.state.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: the upload stops sending, records what is in flight and reports. */
  signal?: AbortSignal;
}

const urlOption = () => new Option('--url <url>', 'gateway base URL').env('INVOICE_OCR_URL').default(DEFAULT_URL);
const usernameOption = () =>
  new Option(
    '-u, --username <name>',
    'log in as this user (password from INVOICE_OCR_PASSWORD); else the token in INVOICE_OCR_TOKEN is used',
  ).env('INVOICE_OCR_USERNAME');
const passwordOption = () =>
  new Option('--password <password>', 'password (prefer INVOICE_OCR_PASSWORD: a command line is visible to other users)').env(
    'INVOICE_OCR_PASSWORD',
  );

/** The `invoice-ocr` program; `run` answers the exit code. */
export function createProgram(io: CliIo): { program: Command; exit: () => number } {
  let code = 0;
  const program = new Command('invoice-ocr')
    .description('Upload folders of invoices to the invoice OCR gateway, follow them and export the extracted invoices.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for the options)');

  program
    .command('upload')
    .description('send every supported file of a folder (recursively) that was not sent before')
    .argument('<folder>', 'folder to walk (PNG, JPEG, TIFF, WebP, PDF, e-invoice XML; hidden files are skipped)')
    .addOption(urlOption())
    .addOption(usernameOption())
    .addOption(passwordOption())
    .addOption(new Option('-c, --concurrency <n>', 'requests in flight at once').argParser(integerOption(1, 64)).default(4))
    .addOption(
      new Option('-n, --files-per-request <n>', 'files per upload request (the gateway allows MAX_FILES_PER_REQUEST, 50 by default)')
        .argParser(integerOption(1, 500))
        .default(10),
    )
    .addOption(
      new Option('-r, --retries <n>', 'retries of a request after a network error, 5xx or 429, with exponential backoff')
        .argParser(integerOption(0, 20))
        .default(5),
    )
    .addOption(new Option('--state <file>', 'state file recording what was sent (default: <folder>/.invoice-ocr-state.json)'))
    .addOption(new Option('-w, --wait', 'wait until every document of the folder is done, needs_review or failed'))
    .addOption(new Option('--wait-timeout <seconds>', 'give up waiting after this long (0: never)').argParser(integerOption(0, 86_400 * 7)))
    .addOption(
      new Option('--poll-interval <ms>', 'first pause between status polls while waiting (grows to 5x while nothing changes)')
        .argParser(integerOption(100, 60_000))
        .default(1000),
    )
    .addOption(new Option('-o, --output <file>', 'write the extracted invoices of the folder to this file (implies --wait)'))
    .addOption(new Option('-f, --format <format>', 'output format (default: from the extension, else csv)').choices(OUTPUT_FORMATS))
    .addOption(new Option('-q, --quiet', 'print errors only'))
    .addOption(new Option('--json', 'print one JSON summary on stdout, nothing else'))
    .action(async (folder: string, options: UploadCliOptions) => {
      const config = resolveUploadConfig(folder, options, io.env);
      const reporter = config.mode === 'human' ? consoleReporter() : silentReporter;
      const summary = await runUpload(config, reporter, io.signal);
      if (config.mode === 'json') io.stdout(`${JSON.stringify(summary)}\n`);
      else if (config.mode === 'human') io.stdout(`${formatSummary(summary)}\n`);
      else if (summary.failed.length || summary.jobs?.failed) io.stderr(`${formatSummary(summary)}\n`);
      code = exitCode(summary);
    });

  program
    .command('status')
    .description("print a job's status")
    .argument('<jobId>', 'the jobId an upload answered')
    .addOption(urlOption())
    .addOption(usernameOption())
    .addOption(passwordOption())
    .addOption(new Option('--json', 'print the JSON answer'))
    .action(async (jobId: string, options: { url: string; username?: string; password?: string; json?: boolean }) => {
      const client = new GatewayClient(normalizeUrl(options.url), resolveCredentials(options, io.env), { retries: 2 });
      const status = await client.job(jobId);
      io.stdout(
        options.json
          ? `${JSON.stringify(status)}\n`
          : `${status.jobId} ${status.status} ${status.progress}%${status.error ? ` ${status.error}` : ''}\n`,
      );
      code = status.status === 'failed' ? 1 : 0;
    });

  program
    .command('login')
    .description('print an access token (for INVOICE_OCR_TOKEN)')
    .addOption(urlOption())
    .addOption(usernameOption().makeOptionMandatory())
    .addOption(passwordOption())
    .action(async (options: { url: string; username: string; password?: string }) => {
      const client = new GatewayClient(normalizeUrl(options.url), resolveCredentials(options, io.env), { retries: 2 });
      io.stdout(`${(await client.login()).access_token}\n`);
    });

  return { program, exit: () => code };
}

/** Runs the CLI on `argv` (as process.argv) and answers the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { program, exit } = createProgram(io);
  try {
    await program.parseAsync(argv);
    return exit();
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError || error instanceof StateFileError) {
      io.stderr(`invoice-ocr: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RunError || error instanceof ApiError) {
      io.stderr(`invoice-ocr: ${error.message}\n`);
      return 1;
    }
    const cause = (error as Error).cause as Error | undefined;
    io.stderr(`invoice-ocr: ${(error as Error).message}${cause?.message ? ` (${cause.message})` : ''}\n`);
    return 1;
  }
}
