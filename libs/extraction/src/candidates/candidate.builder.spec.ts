import { describe, expect, it } from '@jest/globals';
import { buildDocument } from '../document/document.model.js';
import { line, page } from '../words.fixture.js';
import { buildCandidates } from './candidate.builder.js';

describe('buildCandidates: names', () => {
  it('offers a form of address alone only joined with the name under it', () => {
    const doc = buildDocument([page([...line('Muster Werkzeuge GmbH', 60, 60), ...line('Herrn', 60, 200), ...line('Max Mustermann', 60, 222), ...line('Hauptstraße 12', 60, 244)])]);
    const names = buildCandidates(doc).customerName.map((c) => c.value);
    expect(names).toContain('Herrn Max Mustermann');
    expect(names).toContain('Max Mustermann');
    expect(names).not.toContain('Herrn');
    expect(names).toContain('Muster Werkzeuge GmbH');
  });
});
