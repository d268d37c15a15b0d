package io.neoncdc.postgres.snapshot;

/** Finds the chunk of a table that holds a key, in PostgreSQL's order of the chunk key. */
public interface KeyOrder {

    /** Index (in key order) of the chunk whose range contains the key given in text form. */
    int chunkOf(String[] key);
}
