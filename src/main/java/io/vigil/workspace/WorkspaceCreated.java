package io.vigil.workspace;

import io.vigil.shared.Actor;

/** A workspace was created, by {@code actor}; published in the transaction that created it. */
public record WorkspaceCreated(Workspace workspace, Actor actor) {}
