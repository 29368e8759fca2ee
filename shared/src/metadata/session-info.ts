import { STANDARD_MOIDS } from '../protocol/moids';
import type { MoMetadata } from './metadata.schema';
import { interior, leaf } from './node-meta';

/** Session Information MO; its node table is not public, CBT and ROAMING are known from examples (protocol §5.4). */
export const SESSION_INFO_METADATA: MoMetadata = {
  MOID: STANDARD_MOIDS.sessionInfo,
  Root: 'SessionInfo',
  Nodes: {
    '': interior(['Get'], {
      Description: 'Information about the current DM session',
      DFType: STANDARD_MOIDS.sessionInfo,
    }),
    CBT: leaf('int', ['Get'], { Description: 'Current bearer type' }),
    ROAMING: leaf('int', ['Get'], { Description: 'Roaming state' }),
  },
};
