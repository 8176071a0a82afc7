/**
 * The shared kernel every module builds on: the one error format of the API ({@link
 * io.vigil.shared.ApiException}), who acts ({@link io.vigil.shared.Actor}), reading request bodies
 * with errors that name the field ({@link io.vigil.shared.JsonInput}), rich-text sanitising ({@link
 * io.vigil.shared.RichText}), ETags and keyset paging tokens.
 */
@org.springframework.modulith.ApplicationModule(
    type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.vigil.shared;
