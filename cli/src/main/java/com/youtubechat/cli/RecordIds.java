package com.youtubechat.cli;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Record ids in Xata's shape: {@code rec_} and 20 characters of lowercase base32hex
 * ({@code 0-9a-v}), like {@code rec_cu5q2pd0h8v1k9e7g3ma}. As in Xata's (xid-based) ids the 12
 * encoded bytes start with the creation time in seconds, so ids sort roughly by age; the other 8
 * bytes are random (64 bits: collisions are not a practical concern for one table).
 */
public final class RecordIds {

  public static final Pattern SHAPE = Pattern.compile("rec_[0-9a-v]{20}");
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private RecordIds() {}

  public static String generate() {
    return generate(Instant.now(), RANDOM);
  }

  static String generate(Instant now, java.util.Random random) {
    ByteBuffer bytes = ByteBuffer.allocate(12);
    bytes.putInt((int) now.getEpochSecond());
    byte[] tail = new byte[8];
    random.nextBytes(tail);
    bytes.put(tail);
    return "rec_" + base32hex(bytes.array());
  }

  /** 12 bytes (96 bits) as 20 characters of 5 bits each, the last padded with zero bits. */
  static String base32hex(byte[] data) {
    StringBuilder out = new StringBuilder(20);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }
}
