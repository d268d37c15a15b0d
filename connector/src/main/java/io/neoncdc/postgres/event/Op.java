package io.neoncdc.postgres.event;

import org.apache.flink.annotation.PublicEvolving;

/** Kind of a change, with the Debezium op code it is written as. */
@PublicEvolving
public enum Op {
    READ("r"),
    INSERT("c"),
    UPDATE("u"),
    DELETE("d");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    /** {@code r}, {@code c}, {@code u} or {@code d}. */
    public String code() {
        return code;
    }
}
