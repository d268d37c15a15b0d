/**
 * The table binding: which columns of a captured table the job reads and how (declared versus
 * catalog columns, composite types, dropped, unpublished and TOAST-able columns), shared by the
 * enumerator's setup checks, the snapshot algorithm and both readers, and importing none of them.
 */
package io.neoncdc.postgres.schema;
