package io.vigil.security;

import io.vigil.shared.Actor;
import io.vigil.shared.ClientInfo;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in local account. */
public record VigilUser(
    String username,
    String passwordHash,
    String displayName,
    String email,
    String objectId,
    boolean administrator,
    boolean enabled)
    implements UserDetails {

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return administrator ? List.of(new SimpleGrantedAuthority("ROLE_ADMINISTRATOR")) : List.of();
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  /** The user as the author of a change. */
  public Actor actor() {
    return Actor.user(new ClientInfo(email, displayName, objectId, username));
  }
}
