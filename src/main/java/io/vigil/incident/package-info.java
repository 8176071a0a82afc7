/**
 * Incidents with their labels, owner, provenance (analytics rules, provider, alerts, entities) and
 * comments, and the change events every write to them records. {@link
 * io.vigil.incident.IncidentService} is the module's API; {@link io.vigil.incident.IncidentEvents}
 * records and publishes {@link io.vigil.incident.IncidentEvent}s in the transaction of the change,
 * for other modules (tasks, automation) to use and react to.
 */
@org.springframework.modulith.ApplicationModule
package io.vigil.incident;
