package org.pushplatform.chat.inbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Inbox notifications, once each, and each account's counters per category, in chat-service's schema. */
@ApplicationScoped
public class InboxStore {

    /** A category's counter as {@code inbox unread} shows it. */
    public record Counter(InboxCategory category, long unread, String lastText, OffsetDateTime lastAt) {
    }

    private final Pool db;

    public InboxStore(Pool db) {
        this.db = db;
    }

    /** Records a notification and counts it, in one statement. @return false when it was recorded before (nothing counted) */
    public Uni<Boolean> record(Notification n) {
        return db.preparedQuery("WITH fresh AS (INSERT INTO chat.inbox_notification (app, account_id, id, category, type, text)"
                + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING created_at),"
                + " counted AS (INSERT INTO chat.inbox_counter (app, account_id, category, total, last_text, last_at)"
                + " SELECT $1, $2, $4, 1, $6, created_at FROM fresh ON CONFLICT (app, account_id, category) DO UPDATE"
                + " SET total = chat.inbox_counter.total + 1, last_text = EXCLUDED.last_text, last_at = EXCLUDED.last_at)"
                + " SELECT count(*) FROM fresh")
            .execute(Tuple.tuple(List.of(n.app(), n.accountId(), n.id(), n.category().value(), n.type(), n.text())))
            .map(rows -> rows.iterator().next().getLong(0) > 0);
    }

    /** The account's counters, a category at a time. */
    public Uni<List<Counter>> counters(String app, String accountId) {
        return db.preparedQuery("SELECT category, total - read, last_text, last_at FROM chat.inbox_counter"
                + " WHERE app = $1 AND account_id = $2 ORDER BY category")
            .execute(Tuple.of(app, accountId))
            .map(rows -> {
                List<Counter> counters = new ArrayList<>();
                for (Row row : rows) {
                    InboxCategory.ofValue(row.getString(0)).ifPresent(category -> counters.add(new Counter(category, row.getLong(1),
                        row.getString(2), row.getOffsetDateTime(3))));
                }
                return counters;
            });
    }

    /** Leaves {@code remaining} of the category unread (the newest), the rest read. @return the unread count after */
    public Uni<Long> clear(String app, String accountId, InboxCategory category, long remaining) {
        return db.preparedQuery("UPDATE chat.inbox_counter SET read = greatest(read, total - $4)"
                + " WHERE app = $1 AND account_id = $2 AND category = $3 RETURNING total - read")
            .execute(Tuple.of(app, accountId, category.value(), remaining))
            .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }
}
