package io.vigil.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The capability a workspace-scoped endpoint needs. Every handler under {@code /subscriptions/…}
 * carries one; a handler without it is refused, so that a forgotten check fails closed.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Requires {
  Capability value();
}
