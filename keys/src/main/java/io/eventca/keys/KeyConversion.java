package io.eventca.keys;

/** convert_priv_key.sh as a function. */
public final class KeyConversion {
  private KeyConversion() {}

  /**
   * Reads input in informat (with inPassphrase), writes outformat encrypted under outPassphrase, or unencrypted when it
   * is null. PFX output reuses the chain of a PFX input; from PEM input there is no chain, so use KeyMaterial.write.
   */
  public static byte[] convert(byte[] input, KeyFormat informat, char[] inPassphrase, KeyFormat outformat,
      char[] outPassphrase) {
    KeyMaterial key = KeyMaterial.read(input, informat, inPassphrase);
    return key.write(outformat, outPassphrase, key.certificateChainPem(), null);
  }
}
