package io.eventca.events;

public enum KeyAlgorithm {
  RSA,
  EC
}
