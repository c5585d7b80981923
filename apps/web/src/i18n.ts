import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

const en = {
  app: { title: 'Invoice OCR', skip: 'Skip to content', language: 'Language', logout: 'Log out', loading: 'Loading…', retry: 'Retry' },
  nav: { demo: 'OCR demo', invoices: 'Invoices', review: 'Review', analytics: 'Analytics', monitoring: 'Monitoring' },
  titles: { invoice: 'Invoice' },
  errors: {
    unreachable: 'The server cannot be reached. Check that the gateway is running, then retry.',
    forbidden: 'Your role may not see this page.',
    notFound: 'Not found.',
    generic: 'Something went wrong: {{message}}',
    expired: 'Your session has expired. Please log in again.',
  },
  login: { title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in', failed: 'Wrong username or password.' },
  status: { queued: 'Queued', processing: 'Processing', done: 'Done', needs_review: 'Needs review', failed: 'Failed', rejected: 'Rejected' },
  fields: {
    invoiceNumber: 'Invoice number', issueDate: 'Issue date', issueTime: 'Issue time', dueDate: 'Due date', vendorName: 'Vendor', vendorAddress: 'Vendor address',
    customerName: 'Customer', customerEmail: 'Customer email', customerAddressLine1: 'Address', customerAddressLine2: 'Address (line 2)',
    customerId: 'Customer id', customerCategory: 'Category', currency: 'Currency', subtotal: 'Subtotal', taxAmount: 'Tax', taxRate: 'Tax rate (%)', total: 'Total',
    documentType: 'Document type', vendorVatId: 'Vendor VAT id', customerVatId: 'Customer VAT id', iban: 'IBAN', orderNumber: 'Order number', amountDue: 'Amount due',
    taxLines: 'Tax lines (rate % base tax; …)',
    lineItems: 'Line items', status: 'Status', reviewAcceptance: 'Acceptance', reviewRejection: 'Rejection',
  },
  documentTypes: { invoice: 'Invoice', credit_note: 'Credit note', receipt: 'Receipt' },
  einvoice: {
    badge: 'E-invoice', download: 'Download XML', rendering: 'The e-invoice', noPage: 'Read from the e-invoice XML (no page image).',
    net: 'Net total', tax: 'Tax', total: 'Total', prepaid: 'Prepaid', due: 'Amount due',
  },
  invoice: {
    fields: 'Fields', lineItems: 'Line items', description: 'Description', quantity: 'Qty', unitPrice: 'Unit price', amount: 'Amount',
    checks: 'Checks', noIssues: 'All checks passed.', ocrText: 'OCR text', history: 'Corrections', noHistory: 'No corrections yet.',
    confidence: 'Confidence', source: 'Source', lowConfidence: 'Below the review threshold', image: 'Page image', noImage: 'No preview for this file type.',
    notExtracted: 'Not extracted yet.', meanConfidence: 'Mean OCR confidence', pages: 'Pages', by: '{{user}} on {{date}}', back: 'Back to invoices',
    words: 'Highlight a field’s words by hovering or focusing it.',
  },
  demo: {
    title: 'OCR demo', drop: 'Drop invoice files here (PNG, JPEG, TIFF, WebP, PDF, e-invoice XML)', pick: 'or choose files', uploading: 'Uploading…',
    empty: 'Nothing uploaded yet in this session.', rejected: 'Refused: {{name}} — {{reason}}', duplicate: 'already uploaded', viewerNote: 'Your role (viewer) cannot upload.',
    open: 'Open invoice', waiting: 'The fields appear here when the reading ends.',
  },
  list: {
    title: 'Invoices', search: 'Search', status: 'Status', any: 'Any', from: 'Uploaded from', to: 'to', customer: 'Customer', minTotal: 'Min total', maxTotal: 'Max total',
    apply: 'Apply', clear: 'Clear', empty: 'No invoice matches.', next: 'Next', previous: 'Previous', file: 'File', uploaded: 'Uploaded', page: 'Page {{n}}',
    filters: 'Filters',
    issued: 'Issued from {{from}} to {{to}}', removeIssued: 'Remove the issue date filter',
  },
  review: {
    title: 'Review', empty: 'Nothing to review. Every invoice is done.', save: 'Save and next', skip: 'Skip', saved: 'Saved. Next invoice.', remaining: '{{count}} waiting',
    help: 'Tab through the fields, F8 jumps to the next flagged one, Enter saves and opens the next invoice.', readonly: 'Your role (viewer) cannot correct invoices.', invalid: 'Check the highlighted fields.',
    failing: 'Saved, but these checks still fail. Correct them, accept the invoice with a reason, or skip it.', reason: 'Reason for accepting', accept: 'Accept with reason', accepted: 'Accepted. Next invoice.',
  },
  reasons: {
    missing: '{{field}} is missing.', low_confidence: 'Read with low confidence: check it against the page.',
    line_amount_mismatch: 'Line {{line}}: quantity × unit price differs from its amount.', total_mismatch: 'The line amounts do not add up to the total.',
    subtotal_mismatch: 'The line amounts do not add up to the subtotal.', tax_total_mismatch: 'Subtotal + tax differs from the total.',
    tax_rate_mismatch: 'Subtotal × tax rate differs from the tax.', due_before_issue: 'The due date is before the issue date.',
    invalid_email: 'The email address is not well formed.', implausible_date: 'The date falls in an unlikely year.', implausible: 'The value is out of range.',
    corrected: 'Corrected automatically so that the sums hold: check it.', template_mismatch: 'Differs from what this vendor’s template says.',
    qr_text_mismatch: 'The QR code says otherwise.', qr_unparsed: 'The QR code could not be read.', invalid_checksum: 'Its check digits are wrong.',
    unreadable: 'A line could not be read.', inferred: 'A line’s {{column}} was worked out from the others.', unknown: 'Check: {{code}}',
    confidence: 'Confidence {{value}}',
  },
  items: {
    title: 'Line items', add: 'Add a line', remove: 'Remove line {{n}}', up: 'Move line {{n}} up', down: 'Move line {{n}} down', none: 'No line items.',
    sum: 'Sum of the lines', sumOk: 'matches the {{target}}', sumMismatch: 'differs from the {{target}} ({{expected}})', expected: 'quantity × unit price = {{expected}}',
    help: 'Alt+↑/↓ moves a line, Alt+Enter adds one below, Alt+Delete removes it.', edit: 'Edit line items', cancel: 'Cancel', save: 'Save line items',
    saved: 'Line items saved.', row: 'Line {{n}}', actions: 'Move or remove', subtotal: 'subtotal', total: 'total',
  },
  decide: {
    nextFlagged: 'Next flagged field (F8)', reason: 'Reason (optional)', reject: 'Reject', notInvoice: 'Not an invoice', rejected: 'Rejected. Next invoice.',
    notInvoiceDone: 'Marked as not an invoice. Next invoice.', undo: 'Undo', undone: 'Undone: the invoice is as it was before the save.', open: 'Open for correction',
    chosen: 'Opened from the invoice page; Skip returns to the queue.', flagged: '{{count}} flagged', rejection: 'Rejected by {{user}} on {{date}}',
    outcomes: { rejected: 'Rejected', not_invoice: 'Not an invoice' },
  },
  analytics: {
    title: 'Analytics', revenue: 'Revenue per month', invoices: 'Invoices per month', top: 'Top customers', segments: 'Segments', size: 'Customers', share: 'Share of revenue',
    centroid: 'Centroid (recency days / frequency / monetary)', scatter: 'Customers by recency and monetary value', recency: 'Recency (days)', monetary: 'Monetary value',
    movements: 'Movements since the previous run', noMovements: 'No movement (or no previous run).', customers: 'Customers per segment', segment: 'Segment',
    export: 'Export CSV', noData: 'No invoices in this range yet.', noRun: 'No segmentation run yet.', recompute: 'Run segmentation now', queued: 'Segmentation queued.',
    range: 'Issue dates', from: 'Issued from', to: 'to', frequency: 'Frequency', run: 'Run of {{date}}: {{customers}} customers, k = {{k}}',
    kmeans: 'k-means clusters (centroid figures)', rfmGrid: 'Classic RFM segments (R x F grid of the quintile scores)', means: 'Means (recency days / frequency / monetary)',
    criteria: 'How k was chosen (criteria of every k tried)', silhouette: 'Silhouette', stability: 'Stability across seeds', rank: 'Mean rank',
    weakStructure: 'k-means found little structure in these customers (they spread along a continuum rather than form groups): read the classic RFM segments below.',
    noStructure: 'Too few distinct customers to cluster: one segment. The classic RFM segments are below.',
    period: 'Period', presets: { '3m': 'Last 3 months', '12m': 'Last 12 months', year: 'This year', lastYear: 'Last year', all: 'All time', custom: 'Custom dates' },
    totals: 'Totals of the period', totalRevenue: 'Revenue', totalInvoices: 'Invoices', averageInvoice: 'Average invoice', totalCustomers: 'Customers',
    revenueNote: 'done invoices in {{currency}}', allStatuses: 'every status',
    customer: 'Customer', invoiceCount: 'Invoices', revenueColumn: 'Revenue', fromSegment: 'From', toSegment: 'To', moved: 'Customers',
    barHint: 'Click a month to open its invoices.', segmentHint: 'Click a segment to list its customers.', monthLink: '{{month}}: {{value}}',
    customersOf: 'Customers of {{segment}}', kmeansGroup: 'k-means segments', rfmGroup: 'Classic RFM segments', showCustomers: 'Show the customers of {{segment}}',
  },
  monitoring: {
    title: 'Monitoring', throughput: 'Throughput (invoices/min, last hour)', latency: 'OCR latency', queues: 'Queues', rates: 'Rates', errorRate: 'Error rate', reviewRate: 'Review rate',
    workers: 'Workers alive', api: 'API latency by route', route: 'Route', requests: 'Requests', errors: 'Errors', updated: 'Updated {{time}} (every 5 s)', busy: 'busy',
    samples: '{{count}} samples', adminOnly: 'Monitoring is for administrators.', perMinute: 'per minute', noWorkers: 'No worker alive.',
    organizationScope: "Your organization's figures. Queues, workers and API traffic of the whole platform are shown to platform operators.",
    queue: 'Queue', failedJobs: 'Failed jobs', noFailed: 'No failed job of your organization.', job: 'Job', error: 'Error', attempts: 'Attempts', failedAt: 'Failed at',
    retry: 'Retry', remove: 'Remove', retried: 'Job {{id}} queued again.', removed: 'Job {{id}} removed.',
    states: { waiting: 'waiting', prioritized: 'waiting (priority)', active: 'active', delayed: 'delayed', failed: 'failed', completed: 'completed' },
  },
};

type Resources = typeof en;

const fr: Resources = {
  app: { title: 'OCR de factures', skip: 'Aller au contenu', language: 'Langue', logout: 'Se déconnecter', loading: 'Chargement…', retry: 'Réessayer' },
  nav: { demo: 'Démo OCR', invoices: 'Factures', review: 'Révision', analytics: 'Analyses', monitoring: 'Supervision' },
  titles: { invoice: 'Facture' },
  errors: {
    unreachable: 'Le serveur est injoignable. Vérifiez que la passerelle tourne, puis réessayez.',
    forbidden: 'Votre rôle ne permet pas de voir cette page.',
    notFound: 'Introuvable.',
    generic: 'Une erreur est survenue : {{message}}',
    expired: 'Votre session a expiré. Veuillez vous reconnecter.',
  },
  login: { title: 'Connexion', username: 'Identifiant', password: 'Mot de passe', submit: 'Se connecter', failed: 'Identifiant ou mot de passe incorrect.' },
  status: { queued: 'En attente', processing: 'En cours', done: 'Terminée', needs_review: 'À réviser', failed: 'Échec', rejected: 'Rejetée' },
  fields: {
    invoiceNumber: 'Numéro de facture', issueDate: "Date d'émission", issueTime: "Heure d'émission", dueDate: "Date d'échéance", vendorName: 'Fournisseur', vendorAddress: 'Adresse du fournisseur',
    customerName: 'Client', customerEmail: 'Courriel du client', customerAddressLine1: 'Adresse', customerAddressLine2: 'Adresse (ligne 2)',
    customerId: 'Identifiant client', customerCategory: 'Catégorie', currency: 'Devise', subtotal: 'Sous-total', taxAmount: 'TVA', taxRate: 'Taux de TVA (%)', total: 'Total',
    documentType: 'Type de document', vendorVatId: 'N° TVA du fournisseur', customerVatId: 'N° TVA du client', iban: 'IBAN', orderNumber: 'N° de commande', amountDue: 'Reste à payer',
    taxLines: 'Lignes de TVA (taux % base taxe ; …)',
    lineItems: 'Lignes', status: 'Statut', reviewAcceptance: 'Acceptation', reviewRejection: 'Rejet',
  },
  documentTypes: { invoice: 'Facture', credit_note: 'Avoir', receipt: 'Reçu' },
  einvoice: {
    badge: 'Facture électronique', download: 'Télécharger le XML', rendering: 'La facture électronique', noPage: 'Lue depuis le XML de la facture électronique (sans image de page).',
    net: 'Total HT', tax: 'TVA', total: 'Total TTC', prepaid: 'Acompte', due: 'Net à payer',
  },
  invoice: {
    fields: 'Champs', lineItems: 'Lignes', description: 'Désignation', quantity: 'Qté', unitPrice: 'Prix unitaire', amount: 'Montant',
    checks: 'Contrôles', noIssues: 'Tous les contrôles sont passés.', ocrText: 'Texte OCR', history: 'Corrections', noHistory: 'Aucune correction.',
    confidence: 'Confiance', source: 'Source', lowConfidence: 'Sous le seuil de révision', image: 'Image de la page', noImage: "Pas d'aperçu pour ce type de fichier.",
    notExtracted: 'Pas encore extraite.', meanConfidence: 'Confiance OCR moyenne', pages: 'Pages', by: '{{user}} le {{date}}', back: 'Retour aux factures',
    words: "Survolez ou sélectionnez un champ pour surligner ses mots.",
  },
  demo: {
    title: 'Démo OCR', drop: 'Déposez des factures ici (PNG, JPEG, TIFF, WebP, PDF, XML de facture électronique)', pick: 'ou choisissez des fichiers', uploading: 'Envoi…',
    empty: 'Rien envoyé pendant cette session.', rejected: 'Refusé : {{name}} — {{reason}}', duplicate: 'déjà envoyée', viewerNote: 'Votre rôle (lecteur) ne permet pas l’envoi.',
    open: 'Ouvrir la facture', waiting: 'Les champs s’affichent ici à la fin de la lecture.',
  },
  list: {
    title: 'Factures', search: 'Recherche', status: 'Statut', any: 'Tous', from: 'Envoyées du', to: 'au', customer: 'Client', minTotal: 'Total min.', maxTotal: 'Total max.',
    apply: 'Appliquer', clear: 'Effacer', empty: 'Aucune facture ne correspond.', next: 'Suivante', previous: 'Précédente', file: 'Fichier', uploaded: 'Envoyée', page: 'Page {{n}}',
    filters: 'Filtres',
    issued: 'Émises du {{from}} au {{to}}', removeIssued: "Retirer le filtre sur la date d'émission",
  },
  review: {
    title: 'Révision', empty: 'Rien à réviser : toutes les factures sont terminées.', save: 'Enregistrer et suivante', skip: 'Passer', saved: 'Enregistré. Facture suivante.', remaining: '{{count}} en attente',
    help: 'Tab pour passer de champ en champ, F8 va au prochain champ signalé, Entrée enregistre et ouvre la suivante.', readonly: 'Votre rôle (lecteur) ne permet pas de corriger.', invalid: 'Vérifiez les champs signalés.',
    failing: 'Enregistré, mais ces contrôles échouent encore. Corrigez-les, acceptez la facture avec un motif, ou passez-la.', reason: 'Motif de l’acceptation', accept: 'Accepter avec ce motif', accepted: 'Acceptée. Facture suivante.',
  },
  reasons: {
    missing: '{{field}} : manquant.', low_confidence: 'Lu avec une confiance faible : vérifiez-le sur la page.',
    line_amount_mismatch: 'Ligne {{line}} : quantité × prix unitaire diffère du montant.', total_mismatch: 'La somme des lignes ne fait pas le total.',
    subtotal_mismatch: 'La somme des lignes ne fait pas le sous-total.', tax_total_mismatch: 'Sous-total + TVA diffère du total.',
    tax_rate_mismatch: 'Sous-total × taux diffère de la TVA.', due_before_issue: 'L’échéance précède la date d’émission.',
    invalid_email: 'L’adresse courriel est mal formée.', implausible_date: 'La date tombe une année peu probable.', implausible: 'La valeur est hors limites.',
    corrected: 'Corrigé automatiquement pour que les sommes tombent juste : vérifiez-le.', template_mismatch: 'Diffère du modèle de ce fournisseur.',
    qr_text_mismatch: 'Le QR code indique autre chose.', qr_unparsed: 'Le QR code est illisible.', invalid_checksum: 'Ses chiffres de contrôle sont faux.',
    unreadable: 'Une ligne est illisible.', inferred: 'Le champ « {{column}} » d’une ligne a été déduit des autres.', unknown: 'Contrôle : {{code}}',
    confidence: 'Confiance {{value}}',
  },
  items: {
    title: 'Lignes', add: 'Ajouter une ligne', remove: 'Supprimer la ligne {{n}}', up: 'Monter la ligne {{n}}', down: 'Descendre la ligne {{n}}', none: 'Aucune ligne.',
    sum: 'Somme des lignes', sumOk: 'égale au {{target}}', sumMismatch: 'différente du {{target}} ({{expected}})', expected: 'quantité × prix unitaire = {{expected}}',
    help: 'Alt+↑/↓ déplace une ligne, Alt+Entrée en ajoute une dessous, Alt+Suppr la supprime.', edit: 'Corriger les lignes', cancel: 'Annuler', save: 'Enregistrer les lignes',
    saved: 'Lignes enregistrées.', row: 'Ligne {{n}}', actions: 'Déplacer ou supprimer', subtotal: 'sous-total', total: 'total',
  },
  decide: {
    nextFlagged: 'Champ signalé suivant (F8)', reason: 'Motif (facultatif)', reject: 'Rejeter', notInvoice: 'Pas une facture', rejected: 'Rejetée. Facture suivante.',
    notInvoiceDone: 'Marquée « pas une facture ». Facture suivante.', undo: 'Annuler', undone: 'Annulé : la facture est revenue à son état d’avant.', open: 'Ouvrir pour correction',
    chosen: 'Ouverte depuis la page de la facture ; Passer revient à la file.', flagged: '{{count}} signalés', rejection: 'Rejetée par {{user}} le {{date}}',
    outcomes: { rejected: 'Rejetée', not_invoice: 'Pas une facture' },
  },
  analytics: {
    title: 'Analyses', revenue: "Chiffre d'affaires par mois", invoices: 'Factures par mois', top: 'Meilleurs clients', segments: 'Segments', size: 'Clients', share: 'Part du CA',
    centroid: 'Centre (récence en jours / fréquence / montant)', scatter: 'Clients par récence et montant', recency: 'Récence (jours)', monetary: 'Montant',
    movements: 'Mouvements depuis le calcul précédent', noMovements: 'Aucun mouvement (ou pas de calcul précédent).', customers: 'Clients par segment', segment: 'Segment',
    export: 'Exporter en CSV', noData: 'Aucune facture sur cette période.', noRun: 'Aucune segmentation calculée.', recompute: 'Calculer la segmentation', queued: 'Segmentation demandée.',
    range: "Dates d'émission", from: 'Émises du', to: 'au', frequency: 'Fréquence', run: 'Calcul du {{date}} : {{customers}} clients, k = {{k}}',
    kmeans: 'Groupes k-means (valeurs du centre)', rfmGrid: 'Segments RFM classiques (grille R x F des scores par quintile)', means: 'Moyennes (jours depuis / fréquence / montant)',
    criteria: 'Choix de k (critères de chaque k essayé)', silhouette: 'Silhouette', stability: 'Stabilité entre graines', rank: 'Rang moyen',
    weakStructure: "k-means a trouvé peu de structure chez ces clients (ils forment un continuum plutôt que des groupes) : lisez les segments RFM classiques ci-dessous.",
    noStructure: 'Trop peu de clients distincts pour les regrouper : un seul segment. Les segments RFM classiques sont ci-dessous.',
    period: 'Période', presets: { '3m': '3 derniers mois', '12m': '12 derniers mois', year: 'Cette année', lastYear: "L'an dernier", all: 'Tout', custom: 'Dates choisies' },
    totals: 'Totaux de la période', totalRevenue: "Chiffre d'affaires", totalInvoices: 'Factures', averageInvoice: 'Facture moyenne', totalCustomers: 'Clients',
    revenueNote: 'factures terminées en {{currency}}', allStatuses: 'tous statuts',
    customer: 'Client', invoiceCount: 'Factures', revenueColumn: "Chiffre d'affaires", fromSegment: 'De', toSegment: 'Vers', moved: 'Clients',
    barHint: 'Cliquez sur un mois pour ouvrir ses factures.', segmentHint: 'Cliquez sur un segment pour lister ses clients.', monthLink: '{{month}} : {{value}}',
    customersOf: 'Clients du segment {{segment}}', kmeansGroup: 'Segments k-means', rfmGroup: 'Segments RFM classiques', showCustomers: 'Afficher les clients de {{segment}}',
  },
  monitoring: {
    title: 'Supervision', throughput: 'Débit (factures/min, dernière heure)', latency: 'Latence OCR', queues: "Files d'attente", rates: 'Taux', errorRate: "Taux d'erreur", reviewRate: 'Taux de révision',
    workers: 'Workers actifs', api: 'Latence API par route', route: 'Route', requests: 'Requêtes', errors: 'Erreurs', updated: 'Mis à jour à {{time}} (toutes les 5 s)', busy: 'occupés',
    samples: '{{count}} mesures', adminOnly: 'La supervision est réservée aux administrateurs.', perMinute: 'par minute', noWorkers: 'Aucun worker actif.',
    organizationScope: "Les chiffres de votre organisation. Les files d'attente, les workers et le trafic API de toute la plateforme sont réservés aux opérateurs de la plateforme.",
    queue: 'File', failedJobs: 'Tâches en échec', noFailed: 'Aucune tâche en échec pour votre organisation.', job: 'Tâche', error: 'Erreur', attempts: 'Tentatives', failedAt: 'Échec le',
    retry: 'Relancer', remove: 'Supprimer', retried: 'Tâche {{id}} remise en file.', removed: 'Tâche {{id}} supprimée.',
    states: { waiting: 'en attente', prioritized: 'en attente (priorité)', active: 'en cours', delayed: 'différées', failed: 'en échec', completed: 'terminées' },
  },
};

export const LANGUAGES = ['en', 'fr'] as const;
const LANGUAGE_KEY = 'invoice-ocr.language';

function initialLanguage(): string {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  localStorage.setItem(LANGUAGE_KEY, lng);
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export default i18n;
