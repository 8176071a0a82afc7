/**
 * Who is calling: local accounts stored in the database, HTTP Basic on the API, and the bootstrap
 * administrator created on an empty database. Controllers receive the caller as an {@link
 * io.vigil.shared.Actor} argument; every write records it.
 */
@org.springframework.modulith.ApplicationModule
package io.vigil.security;
