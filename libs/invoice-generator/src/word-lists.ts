/** Seeded word lists for synthetic customers, addresses, companies and item descriptions. */

export const FIRST_NAMES_EN = [
  'Sarah', 'James', 'Emily', 'Michael', 'Jessica', 'David', 'Ashley', 'Robert', 'Amanda', 'Daniel',
  'Jennifer', 'Matthew', 'Brittany', 'Joshua', 'Megan', 'Andrew', 'Lauren', 'Kevin', 'Rachel', 'Brian',
  'Nicole', 'Tyler', 'Samantha', 'Jason', 'Heather', 'Ryan', 'Stephanie', 'Justin', 'Melissa', 'Brandon',
] as const;

export const LAST_NAMES_EN = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
  'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker',
] as const;

export const FIRST_NAMES_FR = [
  'Camille', 'Hélène', 'Julien', 'Élodie', 'Mathieu', 'Chloé', 'Nicolas', 'Amélie', 'Antoine', 'Léa',
  'François', 'Manon', 'Jérôme', 'Céline', 'Thomas', 'Sophie', 'Pierre', 'Inès', 'Laurent', 'Margaux',
] as const;

export const LAST_NAMES_FR = [
  'Martin', 'Bernard', 'Dubois', 'Durand', 'Lefèvre', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Garnier',
  'Faure', 'Rousseau', 'Fontaine', 'Chevalier', 'Robin', 'Mercier', 'Boyer', 'Girard', 'André', 'Lemaire',
] as const;

export const STREET_NAMES = [
  'Brianna', 'Maple', 'Oak', 'Cedar', 'Willow', 'Hickory', 'Aspen', 'Juniper', 'Magnolia', 'Sycamore',
  'Hudson', 'Lincoln', 'Franklin', 'Jefferson', 'Madison', 'Harbor', 'Meadow', 'Ridge', 'Summit', 'Valley',
  'Dakota', 'Carter', 'Monroe', 'Sierra', 'Parker', 'Sheridan', 'Walnut', 'Chestnut', 'Laurel', 'Spruce',
] as const;

export const STREET_SUFFIXES = [
  'Crossing', 'Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Court', 'Place', 'Way', 'Terrace',
  'Boulevard', 'Parkway', 'Trail', 'Circle', 'Square',
] as const;

export const CITY_PREFIXES = ['New', 'North', 'South', 'East', 'West', 'Port', 'Lake', 'Fort', 'Mount'] as const;

export const CITY_NAMES = [
  'Tabitha', 'Hollis', 'Marlow', 'Brenton', 'Carverton', 'Ellisburg', 'Fairview', 'Greenfield', 'Hampton',
  'Kingsley', 'Lakeview', 'Milford', 'Norwood', 'Oakdale', 'Pinehurst', 'Redmond', 'Springvale', 'Trenton',
  'Westbrook', 'Ashford', 'Bellmore', 'Clayton', 'Danforth', 'Everett',
] as const;

export const STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
  'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND',
  'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

/** Company names for the logo; some carry XML special characters on purpose. */
export const COMPANY_NAMES = [
  'Nimbus Supplies', 'Orchard & Co', 'Bluefield Trading', 'Northwind Goods', 'Atelier <Lumen>',
  'Keystone Works', 'Harbor & Hill', 'Vertex Office', 'Maison "Soleil"', 'Pinecrest Labs',
] as const;

export const DESCRIPTIONS_EN = [
  'Ground coffee, fair trade', 'Office chair with armrests', 'Printer paper, 500 sheets', 'Screen repair',
  'USB-C charging cable', 'Wireless keyboard', 'Monthly cleaning service', 'Desk lamp with LED bulb',
  'Technical support, one hour', 'Whiteboard markers, set of 8', 'Shipping and handling', 'Laptop stand',
  'Network cable, 10 meters', 'Green tea, organic', 'Software licence renewal', 'Spiral notebooks',
  'Ink cartridge, black', 'Meeting room rental', 'Delivery of spare parts', 'Ergonomic mouse pad',
  'Stainless steel water bottle', 'Window cleaning', 'Paper shredder', 'Training session, half day',
  'Filing cabinet, two drawers', 'External hard drive', 'Bottled water, 24 pack', 'Sticky notes, yellow',
] as const;

export const DESCRIPTIONS_FR = [
  'Café moulu équitable', "Réparation de l'écran", 'Chaise de bureau ergonomique', 'Papier pour imprimante',
  'Câble de recharge USB-C', 'Clavier sans fil', 'Nettoyage mensuel des locaux', 'Lampe de bureau à LED',
  "Assistance technique, une heure", 'Feutres pour tableau blanc', 'Frais de livraison', 'Support pour ordinateur',
  'Câble réseau, dix mètres', 'Thé vert biologique', 'Renouvellement de licence', 'Cahiers à spirale',
  "Cartouche d'encre noire", 'Location de salle de réunion', 'Pièces détachées', 'Tapis de souris',
  'Gourde en acier inoxydable', 'Nettoyage des fenêtres', 'Destructeur de documents', 'Formation, demi-journée',
  'Armoire de classement', 'Disque dur externe', "Bouteilles d'eau minérale", 'Crème pour les mains',
] as const;

/** Issuers printed in the vendor block of the modern and compact layouts. */
export const VENDOR_NAMES = [
  'Nimbus Supplies Ltd', 'Orchard & Co', 'Bluefield Trading', 'Northwind Goods', 'Keystone Works SARL',
  'Harbor & Hill', 'Vertex Office', 'Pinecrest Labs', 'Atelier Lumen', 'Papeterie Martin', 'Maison Soleil SAS',
  'Delta Fournitures', 'Greenleaf Services', 'Copper Kettle Inc',
] as const;
