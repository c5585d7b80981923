/** The profile a specification identifier (BT-24) names; null when it names none of those read. */
export function profileOf(specification: string | null): string | null {
  const id = specification?.toLowerCase() ?? '';
  if (!id) return null;
  if (id.includes('xrechnung')) return 'XRECHNUNG';
  if (id.includes('peppol')) return 'PEPPOL BIS 3';
  if (id.includes('minimum')) return 'MINIMUM';
  if (id.includes('basicwl') || id.includes('basic-wl')) return 'BASIC WL';
  if (id.includes('extended')) return 'EXTENDED';
  if (id.includes('comfort') || id.includes('komfort')) return 'COMFORT';
  if (id.includes('basic')) return 'BASIC';
  if (id.startsWith('urn:cen.eu:en16931:2017')) return 'EN 16931';
  return null;
}

/** A postal address from its parts: street lines, `postcode city`, country code. */
export function addressParts(streets: (string | null)[], postcode: string | null, city: string | null, countryCode: string | null) {
  const street = streets.filter((x): x is string => !!x).join(', ') || null;
  const locality = [[postcode, city].filter(Boolean).join(' '), countryCode].filter((x): x is string => !!x).join(', ') || null;
  return { street, locality, address: [street, locality].filter(Boolean).join(', ') || null, countryCode };
}
