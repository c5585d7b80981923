import i18n from './i18n.js';

/** The texts of the page viewer and the invoice page's actions, in both languages (imported by the components that use them). */
const en = {
  viewer: {
    toolbar: 'Page viewer',
    pages: 'Pages',
    previous: 'Previous page',
    next: 'Next page',
    pageOf: 'Page {{n}} of {{count}}',
    zoom: 'Zoom',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Fit to width',
    rotation: 'Rotation',
    rotateLeft: 'Rotate left',
    rotateRight: 'Rotate right',
    boxes: 'Word boxes',
    region: 'Page {{n}} of {{count}}: drag or scroll to pan; + − 0 zoom, R rotates, B shows or hides the boxes, Page Up/Down turn pages',
    image: 'Page {{n}} of {{count}}',
    noPage: 'No page image (yet): the pages appear once the document has been read.',
  },
  actions: {
    title: 'Actions',
    download: 'Download the original',
    reprocess: 'Reprocess…',
    reprocessTitle: 'Read the document again',
    psm: 'Page layout (tesseract page segmentation mode)',
    psmDefault: 'Worker default',
    textLayer: 'Use the PDF text layer when there is one',
    steps: 'Preprocessing steps',
    stepDefault: 'default',
    stepOn: 'on',
    stepOff: 'off',
    submit: 'Reprocess',
    cancel: 'Cancel',
    queued: 'Queued again: the page updates when the reading ends.',
  },
};

const fr: typeof en = {
  viewer: {
    toolbar: 'Visionneuse de pages',
    pages: 'Pages',
    previous: 'Page précédente',
    next: 'Page suivante',
    pageOf: 'Page {{n}} sur {{count}}',
    zoom: 'Zoom',
    zoomIn: 'Agrandir',
    zoomOut: 'Réduire',
    fit: 'Ajuster à la largeur',
    rotation: 'Rotation',
    rotateLeft: 'Pivoter à gauche',
    rotateRight: 'Pivoter à droite',
    boxes: 'Cadres des mots',
    region:
      'Page {{n}} sur {{count}} : glissez ou faites défiler pour vous déplacer ; + − 0 zooment, R pivote, B affiche ou masque les cadres, Page préc./suiv. changent de page',
    image: 'Page {{n}} sur {{count}}',
    noPage: "Pas (encore) d'image de page : les pages apparaissent une fois le document lu.",
  },
  actions: {
    title: 'Actions',
    download: "Télécharger l'original",
    reprocess: 'Relire…',
    reprocessTitle: 'Relire le document',
    psm: 'Mise en page (mode de segmentation de tesseract)',
    psmDefault: 'Par défaut',
    textLayer: 'Utiliser la couche texte du PDF quand il y en a une',
    steps: 'Étapes de prétraitement',
    stepDefault: 'par défaut',
    stepOn: 'activée',
    stepOff: 'désactivée',
    submit: 'Relire',
    cancel: 'Annuler',
    queued: 'Remis en file : la page se met à jour à la fin de la lecture.',
  },
};

const TEXTS: Record<string, typeof en> = { en, fr };

/**
 * Merged into a language's strings once they are there: English at start, another language when it is
 * loaded (its bundle is never created here, so a loader that checks for it still loads it).
 */
function addTexts(lng: string): void {
  const texts = TEXTS[lng];
  if (texts && i18n.hasResourceBundle(lng, 'translation')) i18n.addResourceBundle(lng, 'translation', texts, true, true);
}

for (const lng of Object.keys(TEXTS)) addTexts(lng);
i18n.on('languageChanged', addTexts);
