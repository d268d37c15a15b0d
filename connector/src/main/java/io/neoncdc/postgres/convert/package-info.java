/**
 * PostgreSQL values into Flink's internal data structures: the only place that knows PostgreSQL
 * types. Entry points: {@link io.neoncdc.postgres.convert.ValueConverters} (one {@link
 * io.neoncdc.postgres.convert.ValueConverter} per column, chosen at job start) and {@link
 * io.neoncdc.postgres.convert.CopyBinaryParser} (the snapshot's COPY binary stream).
 *
 * <p>Every converter reads the text form (pgoutput text mode; produced under {@code DateStyle=ISO,
 * TimeZone=UTC, IntervalStyle=iso_8601, extra_float_digits=3, bytea_output=hex}) and, when {@link
 * io.neoncdc.postgres.convert.ValueConverter#hasBinary()}, the binary send form (COPY binary and
 * pgoutput binary mode); both give equal values. A declared type that cannot hold the PostgreSQL
 * type fails at job start; a single value that cannot be held fails with {@link
 * io.neoncdc.postgres.convert.ValueConversionException}, never becomes NULL.
 *
 * <p>Decisions worth knowing:
 *
 * <ul>
 *   <li>numeric into DECIMAL(p,s): fraction digits beyond s are rounded half away from zero (as
 *       PostgreSQL's own cast to numeric(p,s)); an integer part that does not fit, NaN and
 *       ±Infinity fail. Unconstrained numeric defaults to DECIMAL(38,18); STRING keeps any value
 *       exactly as PostgreSQL prints it.
 *   <li>money: binary money is an int64 of minor units; the scale is taken as 2 (lc_monetary's
 *       frac_digits, 2 for nearly every locale). The text form is read with '.' as decimal point.
 *   <li>date/timestamp/timestamptz ±infinity: {@code CLAMP} (default) maps +infinity to 9999-12-31
 *       (23:59:59.999999, truncated to the declared precision) and -infinity to 0000-01-01 00:00;
 *       {@code FAIL} throws. STRING targets keep the text {@code infinity}.
 *   <li>time(p): Flink holds milliseconds of the day, so sub-millisecond digits are truncated and
 *       24:00:00 becomes 23:59:59.999. Any target precision below the source truncates.
 *   <li>interval into BIGINT: microseconds with a month of 30 days and a day of 24 hours (PG 17
 *       infinite intervals clamp to Long.MAX/MIN_VALUE); into STRING: ISO-8601 exactly as
 *       PostgreSQL prints it under {@code IntervalStyle=iso_8601}.
 *   <li>bit(n)/varbit into BYTES: the bits packed most significant first, zero-padded.
 *   <li>Arrays: an n-dimensional value needs n nested ARRAYs; lower bounds are dropped.
 *   <li>Composite into ROW: fields matched by name; needs {@link
 *       io.neoncdc.postgres.convert.CompositeTypes} to know the attributes.
 *   <li>PostGIS geometry/geography: STRING, the hex EWKB text form PostgreSQL prints.
 * </ul>
 */
package io.neoncdc.postgres.convert;
