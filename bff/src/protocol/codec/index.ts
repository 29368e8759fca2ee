export type { DecodeResult } from './decode-result';
export { decodeMoUpload, decodeP1, decodeP3 } from './decode';
export { encodeP2 } from './encode';
export { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
