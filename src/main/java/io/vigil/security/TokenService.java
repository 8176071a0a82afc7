package io.vigil.security;

import io.vigil.audit.AuditTrail;
import io.vigil.security.internal.TokenRepository;
import io.vigil.security.internal.UserRepository;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Times;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for scripts and machines: {@code vgl_} and 43 random characters, shown once when
 * created and stored only as a SHA-256 hash. A token acts as its owner, until it expires or is
 * revoked.
 */
@Service
public class TokenService {
  public static final String PREFIX = "vgl_";
  private static final Duration TOUCH = Duration.ofMinutes(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TokenRepository tokens;
  private final UserRepository users;
  private final Clock clock;
  private final AuditTrail audit;

  TokenService(TokenRepository tokens, UserRepository users, Clock clock, AuditTrail audit) {
    this.tokens = tokens;
    this.users = users;
    this.clock = clock;
    this.audit = audit;
  }

  /** A new token and its secret, which is not kept. */
  public record Issued(ApiToken token, String secret) {}

  @Transactional
  public Issued issue(String owner, String description, int validDays, Actor actor) {
    if (validDays < 1 || validDays > 730) {
      throw JsonInput.invalid("expiresInDays", "must be from 1 to 730");
    }
    long userId =
        users.idOf(owner).orElseThrow(() -> ApiException.notFound("The user was not found."));
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    String name = UUID.randomUUID().toString();
    OffsetDateTime now = Times.utc(clock.instant());
    tokens.insert(name, userId, description, hash(secret), now.plusDays(validDays), now);
    ApiToken token = tokens.find(name).orElseThrow();
    audit.record(
        actor,
        "TokenCreated",
        "/api/tokens/" + name,
        Map.of(
            "owner",
            token.owner(),
            "description",
            description,
            "expiresTimeUtc",
            Times.format(token.expiresTimeUtc())));
    return new Issued(token, secret);
  }

  /**
   * The valid token with this secret, recording its use at most once a minute: every API request
   * comes through here, and most find the use recorded moments ago, so they only read.
   */
  public Optional<ApiToken> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return Optional.empty();
    }
    OffsetDateTime now = Times.utc(clock.instant());
    Optional<ApiToken> token = tokens.findBySecretHash(hash(secret)).filter(t -> t.isValidAt(now));
    token
        .filter(t -> t.lastUsedTimeUtc() == null || t.lastUsedTimeUtc().isBefore(now.minus(TOUCH)))
        .ifPresent(t -> tokens.touch(t.name(), now, now.minus(TOUCH)));
    return token;
  }

  public List<ApiToken> list(String owner) {
    return tokens.list(owner);
  }

  public Optional<ApiToken> find(String name) {
    return tokens.find(name);
  }

  @Transactional
  public void revoke(String name, Actor actor) {
    tokens.revoke(name, Times.utc(clock.instant()));
    audit.record(actor, "TokenRevoked", "/api/tokens/" + name, Map.of());
  }

  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
