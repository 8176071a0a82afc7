/**
 * The analytics rules catalogue: the detections that produce incidents, kept by name, description,
 * severity, enabled flag and tactics so that incidents, automation rules and screens can name them.
 * Incidents refer to rules by their full resource id.
 */
@org.springframework.modulith.ApplicationModule
package io.vigil.analytics;
