/**
 * The web UI: static pages and scripts under {@code /ui/} that use the REST API with the browser's
 * session and its CSRF token.
 */
@org.springframework.modulith.ApplicationModule
package io.vigil.ui;
