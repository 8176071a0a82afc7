package io.vigil.security.internal;

import io.vigil.shared.Background;
import io.vigil.shared.Times;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the first administrator on an empty database from {@code VIGIL_ADMIN_USER} and {@code
 * VIGIL_ADMIN_PASSWORD}. Without a password one is generated and printed once, here and nowhere
 * else. It starts as soon as this bean exists, on a thread of its own, so that hashing the password
 * (deliberately slow) overlaps the rest of the start-up; start-up waits for it to end, and fails if
 * it failed, before the server starts listening, so that health answers UP only once the
 * administrator can sign in.
 */
@Component
class BootstrapAdministrator implements InitializingBean, SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);

  private final UserRepository users;
  private final PasswordEncoder encoder;
  private final Clock clock;
  private final TransactionTemplate transaction;
  private final String username;
  private final String password;
  private Background creation;

  BootstrapAdministrator(
      UserRepository users,
      PasswordEncoder encoder,
      Clock clock,
      PlatformTransactionManager transactions,
      @Value("${vigil.admin.user}") String username,
      @Value("${vigil.admin.password}") String password) {
    this.users = users;
    this.encoder = encoder;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
    this.username = username;
    this.password = password;
  }

  @Override
  public void afterPropertiesSet() {
    creation =
        Background.start(
            "vigil-bootstrap-administrator",
            () -> transaction.executeWithoutResult(status -> createUnlessAnyUserExists()));
  }

  @Override
  public void afterSingletonsInstantiated() {
    creation.await();
  }

  private void createUnlessAnyUserExists() {
    if (users.count() > 0) {
      return;
    }
    String effective = password;
    if (effective == null || effective.isEmpty()) {
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      effective = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      // Printed once so the operator can sign in; it is stored only as a hash.
      System.out.println(
          "\nVigil created the administrator '"
              + username
              + "' with the generated password: "
              + effective
              + "\nChange it after signing in, or set VIGIL_ADMIN_PASSWORD on an empty database.\n");
    }
    users.insert(
        username, encoder.encode(effective), username, null, true, Times.utc(clock.instant()));
    log.info("Created the bootstrap administrator '{}'", username);
  }
}
