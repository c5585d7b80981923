import { OCR_PAGE_SEG_MODES, type OcrOptions, type PreprocessStep } from '@invoice/contracts';

/** A preprocessing step as the reprocess form offers it: the worker's default, forced on, or forced off. */
export type StepChoice = 'default' | 'on' | 'off';

/** The reprocess body from the form: only what differs from the worker's defaults (empty: the defaults). */
export function reprocessOptions(psm: string, textLayer: boolean, steps: Partial<Record<PreprocessStep, StepChoice>>): OcrOptions {
  const preprocessing = Object.fromEntries(
    Object.entries(steps)
      .filter(([, choice]) => choice !== 'default')
      .map(([step, choice]) => [step, choice === 'on']),
  );
  const mode = OCR_PAGE_SEG_MODES.find((candidate) => String(candidate) === psm);
  return {
    ...(mode !== undefined && { psm: mode }),
    ...(!textLayer && { textLayer: false }),
    ...(Object.keys(preprocessing).length > 0 && { preprocessing }),
  };
}
