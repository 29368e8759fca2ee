import { STANDARD_MOIDS } from '../protocol/moids';
import type { MoMetadata } from './metadata.schema';
import { dynamicInterior, interior, leaf } from './node-meta';

const optional = { Occurrence: 'ZeroOrOne' } as const;

/** DM Account 1.2: one instance per DM server account (protocol §5.4). */
export const DMACC_1_2_METADATA: MoMetadata = {
  MOID: STANDARD_MOIDS.dmAcc12,
  Root: 'DMAcc',
  Nodes: {
    '': interior(['Get'], { Description: 'DM server account', DFType: STANDARD_MOIDS.dmAcc12 }),
    SrvID: leaf('chr', ['Get'], { Description: 'Unique server identifier; equals the P0 SERVER-ID' }),
    SrvURI: leaf('chr', ['Get'], { Description: 'Server URI the client sends P1 to' }),
    Name: leaf('chr', ['Get'], { ...optional, Description: 'Display name of the server' }),
    Perm: interior(['Get'], { ...optional, Description: 'MOs this server may manage (set at bootstrap)' }),
    'Perm/<x>': dynamicInterior(['Get']),
    // Bootstrap-only and not readable (protocol §5.4).
    'Perm/<x>/MOID': leaf('chr', ['Add'], { Description: 'MOID this server may manage; not readable' }),
    Auth: interior(['Get'], { Description: 'Credentials' }),
    'Auth/Bootstrap': interior(['Get'], optional),
    'Auth/Bootstrap/ServerURI': leaf('chr', ['Get'], { Description: 'Bootstrap server URI' }),
    'Auth/Bootstrap/SecMode': leaf('bin', ['Get'], { Description: 'TLS security mode' }),
    'Auth/Bootstrap/ClientPubKey': leaf('bin', ['Replace'], {
      ...optional,
      Description: 'Client certificate; not readable',
    }),
    'Auth/Bootstrap/ServerPubKey': leaf('bin', ['Replace'], {
      ...optional,
      Description: 'Server certificate; not readable',
    }),
    'Auth/Bootstrap/ClientSecretKey': leaf('bin', ['Replace'], {
      ...optional,
      Description: 'Client private key or PSK; not readable',
    }),
    'Auth/Noti': interior(['Get'], optional),
    'Auth/Noti/Type': leaf('int', ['Get', 'Replace'], { Description: 'Notification authentication type' }),
    'Auth/Noti/Data': leaf('bin', ['Get', 'Replace'], { Description: 'Notification authentication data' }),
    'Auth/Noti/Secret': leaf('bin', ['Get', 'Replace'], { Description: 'Notification secret' }),
    'Auth/Trsp': interior(['Get'], optional),
    'Auth/Trsp/Data': leaf('bin', ['Get'], {
      Description: 'Client certificate or public key for transport security',
    }),
    'Auth/Trsp/Secret': leaf('bin', ['Replace'], { Description: 'Transport private key; not readable' }),
    Push: interior(['Get'], { ...optional, Description: 'Push registrations' }),
    'Push/GCM': interior(['Get'], optional),
    'Push/GCM/SenderID': leaf('chr', ['Get']),
    'Push/GCM/RegURI': leaf('chr', ['Get']),
    'Push/GCM/UnRegURI': leaf('chr', ['Get']),
    'Push/GCM/RegParams': leaf('chr', ['Get'], optional),
    'Push/GCM/Ext': interior(['Get'], optional),
    'Push/Ext': interior(['Get'], { ...optional, Description: 'Other push systems' }),
    'Push/Ext/HTTP': interior(['Get'], { ...optional, Description: 'HTTP push bearer (protocol §6)' }),
    'Push/Ext/HTTP/URI': leaf('chr', ['Get', 'Replace'], {
      Description: 'URL the server POSTs P0 notifications to',
    }),
    Ext: interior(['Get'], { ...optional, Description: 'Vendor extensions' }),
  },
};
