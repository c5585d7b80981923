import { describe, expect, it } from '@jest/globals';
import { OcrOptionsSchema } from '@invoice/contracts';
import { reprocessOptions } from './reprocess-options.js';

describe('reprocessOptions', () => {
  it('sends nothing when every setting keeps the default', () => {
    expect(reprocessOptions('', true, { deskew: 'default' })).toEqual({});
  });

  it('sends the chosen mode, the text layer switched off and the forced steps, in the API schema', () => {
    const options = reprocessOptions('6', false, { deskew: 'on', denoise: 'off', crop: 'default' });
    expect(options).toEqual({ psm: 6, textLayer: false, preprocessing: { deskew: true, denoise: false } });
    expect(OcrOptionsSchema.parse(options)).toEqual(options);
  });
});
