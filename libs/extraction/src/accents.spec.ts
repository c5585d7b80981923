import { describe, expect, it } from '@jest/globals';
import { buildAccentIndex, frenchAccentIndex, restoreAccents, restoreWord } from './accents.js';

// A small list standing in for the French word list (lower case, as the package gives it).
const index = buildAccentIndex([
  'pièces',
  'pièce',
  'fenêtre',
  'fenêtres',
  'crème',
  'crémé',
  'câble',
  'câblé',
  'a',
  'à',
  'côte',
  'cote',
  'coté',
  'côté',
  'été',
  'réseau',
  'de',
  'lampe',
  'bureau',
  'pêche',
  'pèche',
  'péché',
  'pêché',
]);

describe('buildAccentIndex', () => {
  it('keeps only keys that have an accented form, with all their forms', () => {
    expect(index.forms.get('cote')).toEqual(['côte', 'cote', 'coté', 'côté']);
    expect(index.forms.has('lampe')).toBe(false);
  });
});

describe('restoreWord', () => {
  it('restores a dropped or changed accent when one listed form is closest', () => {
    expect(restoreWord('Pieces', index)).toEqual({ word: 'Pièces', restored: true, doubtful: false });
    expect(restoreWord('fenétres', index).word).toBe('fenêtres');
    // crème differs from "creme" in one letter, crémé in two: the single closest wins.
    expect(restoreWord('Creme', index).word).toBe('Crème');
    expect(restoreWord('CABLE', index).word).toBe('CÂBLE');
  });

  it('leaves listed words, unknown words and ties alone; a tie is doubtful', () => {
    expect(restoreWord('cote', index)).toEqual({ word: 'cote', restored: false, doubtful: false });
    expect(restoreWord('LED', index)).toEqual({ word: 'LED', restored: false, doubtful: false });
    // "péche": pêche and pèche are one letter away with one accent each, as read (péché needs a second accent): a tie.
    expect(restoreWord('péche', index)).toEqual({ word: 'péche', restored: false, doubtful: true });
  });

  it('among equally close forms, takes the one with as many accents as the OCR read', () => {
    // "Créme": Crème (the accent's direction misread) and Crémé (an accent not seen) are one letter away each.
    expect(restoreWord('Créme', index)).toEqual({ word: 'Crème', restored: true, doubtful: false });
    // "cöte": côte keeps the one mark the OCR saw; cote would drop it.
    expect(restoreWord('cöte', index).word).toBe('côte');
  });
});

describe('restoreAccents', () => {
  it('restores word by word, keeping punctuation, elisions and numbers', () => {
    expect(restoreAccents("Pieces d'ete, reseau 10 m", index)).toEqual({
      text: "Pièces d'été, réseau 10 m",
      restored: ['Pieces->Pièces', 'ete->été', 'reseau->réseau'],
      doubtful: [],
    });
  });

  it('reads a lone "a" inside a noun phrase as "à", and only there', () => {
    expect(restoreAccents('Lampe de bureau a LED', index, { nounPhrase: true }).text).toBe('Lampe de bureau à LED');
    expect(restoreAccents('Lampe de bureau a LED', index).text).toBe('Lampe de bureau a LED');
    expect(restoreAccents('a la carte', index, { nounPhrase: true }).text).toBe('a la carte');
  });
});

describe('frenchAccentIndex', () => {
  it('loads the installed French word list once', () => {
    const french = frenchAccentIndex();
    expect(french).not.toBeNull();
    expect(french).toBe(frenchAccentIndex());
    expect(restoreAccents('Nettoyage des fenetres', french).text).toBe('Nettoyage des fenêtres');
  });
});
