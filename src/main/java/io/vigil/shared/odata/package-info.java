/**
 * OData {@code $filter} support: {@link io.vigil.shared.odata.FilterParser} turns the query text
 * into a {@link io.vigil.shared.odata.FilterExpression}, and {@link
 * io.vigil.shared.odata.SqlFilter} translates that into a parameterised SQL condition over the
 * fields declared in a {@link io.vigil.shared.odata.FilterSchema}.
 */
package io.vigil.shared.odata;
