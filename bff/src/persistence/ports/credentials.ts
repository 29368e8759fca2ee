// What a change of the secret key rewrites: each device's key-dependent credentials (protocol §12).

/** The parts of a device's credentials that depend on the secret key. */
export interface KeyedCredentials {
  devId: string;
  /** HMAC-SHA256 of the DM secret under the key. */
  basicVerifier: string;
  /** The notification secret sealed under the key; null when the device has none. */
  notifySecretEnc: string | null;
}

export interface CredentialRepository {
  /** Every device's key-dependent credentials, by devId. */
  listKeyed(): Promise<KeyedCredentials[]>;
  /** Replaces one device's key-dependent credentials; false when the device is unknown. */
  setKeyed(credentials: KeyedCredentials): Promise<boolean>;
}
