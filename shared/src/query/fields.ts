// The fields a fleet query can name. One table drives the parser's checks, the SQL compiler and the
// console's completion, so a field is added in one place.

/** What a field holds, which decides the operators and literals it takes. */
export type FieldKind = 'text' | 'label' | 'boolean' | 'time';

export const QUERY_FIELDS = {
  devId: { kind: 'text', nullable: false, description: 'Device identifier (DevInfo/DevID)' },
  Man: { kind: 'text', nullable: true, description: 'Manufacturer (DevInfo/Man)' },
  Mod: { kind: 'text', nullable: true, description: 'Model (DevInfo/Mod)' },
  FwV: {
    kind: 'text',
    nullable: true,
    description: 'Firmware version (DevInfo/FwV); < > compare as versions',
  },
  SwV: {
    kind: 'text',
    nullable: true,
    description: 'Software version (DevInfo/SwV); < > compare as versions',
  },
  HwV: { kind: 'text', nullable: true, description: 'Hardware version (DevInfo/HwV)' },
  DevType: { kind: 'text', nullable: true, description: 'Device type (DevInfo/DevType)' },
  Lang: { kind: 'text', nullable: true, description: 'Language (DevInfo/Lang)' },
  OEM: { kind: 'text', nullable: true, description: 'OEM (DevInfo/OEM)' },
  DmV: { kind: 'text', nullable: true, description: 'DM client version (DevInfo/DmV)' },
  label: { kind: 'label', nullable: true, description: 'Any of the device labels' },
  online: { kind: 'boolean', nullable: false, description: 'In contact within the online window' },
  lastSeen: { kind: 'time', nullable: true, description: 'Last contact (time or -1h, -7d)' },
  createdAt: { kind: 'time', nullable: false, description: 'Registration time' },
} as const satisfies Record<string, { kind: FieldKind; nullable: boolean; description: string }>;

export type FieldName = keyof typeof QUERY_FIELDS;

export const FIELD_NAMES = Object.keys(QUERY_FIELDS) as FieldName[];

/** Friendlier spellings; the formatter writes the canonical name. */
const FIELD_ALIASES: Readonly<Record<string, FieldName>> = {
  manufacturer: 'Man',
  model: 'Mod',
  firmware: 'FwV',
  software: 'SwV',
  hardware: 'HwV',
  labels: 'label',
  lastcontact: 'lastSeen',
  registered: 'createdAt',
};

const BY_LOWER_NAME: ReadonlyMap<string, FieldName> = new Map([
  ...FIELD_NAMES.map((name) => [name.toLowerCase(), name] as const),
  ...Object.entries(FIELD_ALIASES),
]);

/** The canonical field for a name as typed (case-insensitive, aliases allowed). */
export function lookupField(name: string): FieldName | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

export function fieldKind(name: FieldName): FieldKind {
  return QUERY_FIELDS[name].kind;
}
