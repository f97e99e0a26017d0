package org.pushplatform.chat.groups;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.conversations.Conversations;

/**
 * Groups and their members, in chat-service's schema. A member is a row of the group's conversation: it reads from
 * where it joined, and once removed it keeps its row with the seq it left at, reading nothing after.
 */
@ApplicationScoped
public class GroupStore {

    /** A group as the rest of the service sees it. */
    public record Group(String app, String id, String name, String avatar, String creator, boolean isPost, boolean banned) {
    }

    /** A current member, with what the seed's events show of it. */
    public record Member(String accountId, String name, String avatar, boolean admin, boolean push) {
    }

    /** Where an account stands in a group. */
    public enum Standing {
        /** never a member */
        NONE,
        MEMBER,
        ADMIN,
        /** removed: told {@code removeit} */
        LEFT;

        public boolean inGroup() {
            return this == MEMBER || this == ADMIN;
        }
    }

    /** An @-mention as recorded: the message it points at. */
    public record Mention(String messageId, long seq, OffsetDateTime time) {
    }

    private final Pool db;

    public GroupStore(Pool db) {
        this.db = db;
    }

    /**
     * Creates the group, its conversation and its members (the creator among them, and among the admins).
     *
     * @return false when the app has a group of that id already
     */
    public Uni<Boolean> create(Group group, List<String> members, List<String> admins) {
        return db.withTransaction(tx -> tx.preparedQuery("INSERT INTO chat.chat_group (app, id, name, avatar, creator, is_post)"
                + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(group.app(), group.id(), group.name(), group.avatar(), group.creator(), group.isPost()))
            .flatMap(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().item(false)
                : tx.preparedQuery("INSERT INTO chat.conversation (app, id, kind) VALUES ($1, $2, $3)"
                        + " ON CONFLICT (app, id) DO UPDATE SET kind = EXCLUDED.kind")
                    .execute(Tuple.of(group.app(), Conversations.group(group.id()), Conversations.GROUP))
                    .flatMap(done -> join(tx, group.app(), group.id(), members))
                    .flatMap(joined -> setAdmins(tx, group.app(), group.id(), admins, true))
                    .replaceWith(true)));
    }

    /** @return the group, or null */
    public Uni<Group> find(String app, String id) {
        return db.preparedQuery("SELECT app, id, name, avatar, creator, is_post, banned FROM chat.chat_group WHERE app = $1 AND id = $2")
            .execute(Tuple.of(app, id))
            .map(rows -> rows.size() == 0 ? null : group(rows.iterator().next()));
    }

    /** The group's current members, by account id. */
    public Uni<List<Member>> members(String app, String id) {
        return db.preparedQuery("SELECT m.account_id, a.name, a.avatar, m.is_admin, m.is_push FROM chat.conversation_member m"
                + " JOIN chat.account a ON a.app = m.app AND a.id = m.account_id"
                + " WHERE m.app = $1 AND m.conversation_id = $2 AND m.left_seq IS NULL ORDER BY m.account_id")
            .execute(Tuple.of(app, Conversations.group(id)))
            .map(rows -> {
                List<Member> members = new ArrayList<>();
                rows.forEach(row -> members.add(new Member(row.getString(0), row.getString(1), row.getString(2), row.getBoolean(3),
                    row.getBoolean(4))));
                return members;
            });
    }

    public Uni<Standing> standing(String app, String id, String accountId) {
        return db.preparedQuery("SELECT left_seq IS NOT NULL, is_admin FROM chat.conversation_member"
                + " WHERE app = $1 AND conversation_id = $2 AND account_id = $3")
            .execute(Tuple.of(app, Conversations.group(id), accountId))
            .map(rows -> {
                if (rows.size() == 0) {
                    return Standing.NONE;
                }
                Row row = rows.iterator().next();
                return row.getBoolean(0) ? Standing.LEFT : row.getBoolean(1) ? Standing.ADMIN : Standing.MEMBER;
            });
    }

    /** Adds the accounts (existing ones of the app) that are not members now. @return the ids of those added */
    public Uni<List<String>> addMembers(String app, String id, List<String> accountIds) {
        return db.withTransaction(tx -> join(tx, app, id, accountIds));
    }

    /** Removes a member: it reads nothing after the group's last message now. @return false when it was no member */
    public Uni<Boolean> removeMember(String app, String id, String accountId) {
        return db.preparedQuery("UPDATE chat.conversation_member m SET left_seq = c.last_seq, read_seq = c.last_seq, is_admin = false"
                + " FROM chat.conversation c WHERE c.app = m.app AND c.id = m.conversation_id"
                + " AND m.app = $1 AND m.conversation_id = $2 AND m.account_id = $3 AND m.left_seq IS NULL")
            .execute(Tuple.of(app, Conversations.group(id), accountId)).map(rows -> rows.rowCount() > 0);
    }

    /** Makes a member an admin or no longer one. @return false when it is no member */
    public Uni<Boolean> setAdmin(String app, String id, String accountId, boolean admin) {
        return setAdmins(db, app, id, List.of(accountId), admin).map(changed -> changed > 0);
    }

    /** A member's pushes of the group on or off ({@code set group notice}). @return false when it is no member */
    public Uni<Boolean> setPush(String app, String id, String accountId, boolean push) {
        return db.preparedQuery("UPDATE chat.conversation_member SET is_push = $4"
                + " WHERE app = $1 AND conversation_id = $2 AND account_id = $3 AND left_seq IS NULL")
            .execute(Tuple.of(app, Conversations.group(id), accountId, push)).map(rows -> rows.rowCount() > 0);
    }

    /** Renames the group. @return its name before, or null when there is no such group */
    public Uni<String> rename(String app, String id, String name) {
        return db.preparedQuery("UPDATE chat.chat_group g SET name = $3 FROM chat.chat_group old"
                + " WHERE old.app = g.app AND old.id = g.id AND g.app = $1 AND g.id = $2 RETURNING old.name")
            .execute(Tuple.of(app, id, name)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** Ban speak on or off. @return false when there is no such group */
    public Uni<Boolean> setBanned(String app, String id, boolean banned) {
        return db.preparedQuery("UPDATE chat.chat_group SET banned = $3 WHERE app = $1 AND id = $2")
            .execute(Tuple.of(app, id, banned)).map(rows -> rows.rowCount() > 0);
    }

    /**
     * Records an @-mention of these members by a message of the group: unread until they read past it.
     *
     * @return the mention and the members it reached, or null when the message is not the group's
     */
    public Uni<Mentioned> mention(String app, String id, List<String> accountIds, String messageId) {
        return db.preparedQuery("WITH msg AS (SELECT id, seq, created_at FROM chat.message WHERE app = $1 AND conversation_id = $2 AND id = $4),"
                + " marked AS (UPDATE chat.conversation_member m SET mention_seq = msg.seq, mention_msg_id = msg.id, mention_at = msg.created_at"
                + " FROM msg WHERE m.app = $1 AND m.conversation_id = $2 AND m.account_id = ANY($3) AND m.left_seq IS NULL"
                + " AND msg.seq > m.joined_seq RETURNING m.account_id)"
                + " SELECT msg.id, msg.seq, msg.created_at, (SELECT array_agg(account_id) FROM marked) FROM msg")
            .execute(Tuple.of(app, Conversations.group(id), accountIds.toArray(String[]::new), messageId))
            .map(rows -> {
                if (rows.size() == 0) {
                    return null;
                }
                Row row = rows.iterator().next();
                String[] reached = row.getArrayOfStrings(3);
                return new Mentioned(new Mention(row.getString(0), row.getLong(1), row.getOffsetDateTime(2)),
                    reached == null ? List.of() : List.of(reached));
            });
    }

    /** A mention and the members it reached. */
    public record Mentioned(Mention mention, List<String> accountIds) {
    }

    /** New members read from the group's last message on; a member who left and comes back starts anew. */
    private static Uni<List<String>> join(SqlConnection tx, String app, String id, List<String> accountIds) {
        return tx.preparedQuery("INSERT INTO chat.conversation_member (app, conversation_id, account_id, peer, read_seq, joined_seq)"
                + " SELECT a.app, c.id, a.id, $4, c.last_seq, c.last_seq FROM chat.account a"
                + " JOIN chat.conversation c ON c.app = a.app AND c.id = $2 WHERE a.app = $1 AND a.id = ANY($3)"
                + " ON CONFLICT (app, account_id, conversation_id) DO UPDATE SET read_seq = EXCLUDED.read_seq,"
                + " joined_seq = EXCLUDED.joined_seq, left_seq = NULL, is_admin = false, is_push = true, mention_seq = NULL,"
                + " mention_msg_id = NULL, mention_at = NULL WHERE chat.conversation_member.left_seq IS NOT NULL"
                + " RETURNING account_id")
            .execute(Tuple.of(app, Conversations.group(id), accountIds.toArray(String[]::new), id))
            .map(GroupStore::firstColumn);
    }

    private static Uni<Integer> setAdmins(io.vertx.mutiny.sqlclient.SqlClient client, String app, String id, List<String> accountIds,
                                          boolean admin) {
        return client.preparedQuery("UPDATE chat.conversation_member SET is_admin = $4"
                + " WHERE app = $1 AND conversation_id = $2 AND account_id = ANY($3) AND left_seq IS NULL")
            .execute(Tuple.of(app, Conversations.group(id), accountIds.toArray(String[]::new), admin)).map(RowSet::rowCount);
    }

    private static List<String> firstColumn(RowSet<Row> rows) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.getString(0)));
        return values;
    }

    private static Group group(Row row) {
        return new Group(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getBoolean(5),
            row.getBoolean(6));
    }
}
