package org.pushplatform.iot.things;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** Rows of a result, each made into a value. */
public final class Rows {

    private Rows() {
    }

    public static <T> List<T> listOf(RowSet<Row> rows, Function<Row, T> mapping) {
        List<T> found = new ArrayList<>();
        rows.forEach(row -> found.add(mapping.apply(row)));
        return found;
    }
}
