package io.vigil.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals credentials (playbook connections, webhook secrets) with AES-256-GCM before they reach the
 * database. The key is {@code VIGIL_SECRET_KEY} (32 bytes, base64); without it, Vigil creates one
 * in the data directory on first use, readable by its owner only.
 */
@Component
public class SecretBox {
  private static final int NONCE = 12;
  private final SecureRandom random = new SecureRandom();
  private final SecretKeySpec key;

  SecretBox(
      @Value("${vigil.secret-key}") String configured, @Value("${vigil.data-dir}") String dataDir) {
    byte[] bytes =
        configured == null || configured.isBlank()
            ? fileKey(Path.of(dataDir, "secret.key"))
            : Base64.getDecoder().decode(configured.trim());
    if (bytes.length != 32) {
      throw new IllegalStateException("VIGIL_SECRET_KEY must be 32 bytes, base64-encoded.");
    }
    this.key = new SecretKeySpec(bytes, "AES");
  }

  public String seal(String plain) {
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot seal a secret", e);
    }
  }

  public String open(String sealed) {
    try {
      byte[] in = Base64.getDecoder().decode(sealed);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE));
      return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Cannot open a stored secret: was VIGIL_SECRET_KEY changed?", e);
    }
  }

  private byte[] fileKey(Path file) {
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).trim());
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      Files.writeString(file, Base64.getEncoder().encodeToString(bytes));
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's permissions apply
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }
}
