package org.pushplatform.chat.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.ChatApi;

/** Accounts, their client tokens and their contacts, in chat-service's schema. */
@ApplicationScoped
public class AccountStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A client token as minted: only its secret's hash is kept. */
    public record Minted(String token, OffsetDateTime expiresAt) {
    }

    /** A token a client presented, split: the account it names and its secret. */
    public record Presented(String app, String accountId, String secret) {
        /** Null when the text is no token of ours. */
        public static Presented of(String app, String token) {
            String account = ChatApi.accountOfToken(token);
            return app == null || account == null ? null : new Presented(app, account, token.substring(account.length() + 1));
        }
    }

    /** What the rest of the service needs of an account. */
    public record Account(String app, String id, String name, String avatar) {
    }

    private final Pool db;

    public AccountStore(Pool db) {
        this.db = db;
    }

    /** Creates the account or updates its name and avatar. @return true when it is new */
    public Uni<Boolean> save(Account account) {
        return db.preparedQuery("INSERT INTO chat.account (app, id, name, avatar) VALUES ($1, $2, $3, $4)"
                + " ON CONFLICT (app, id) DO UPDATE SET name = $3, avatar = $4 RETURNING (xmax = 0) AS created")
            .execute(Tuple.of(account.app(), account.id(), account.name(), account.avatar()))
            .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** @return the account, or null */
    public Uni<Account> find(String app, String id) {
        return db.preparedQuery("SELECT app, id, name, avatar FROM chat.account WHERE app = $1 AND id = $2")
            .execute(Tuple.of(app, id))
            .map(rows -> rows.size() == 0 ? null : account(rows.iterator().next()));
    }

    /** Which of these ids name accounts of the app. */
    public Uni<Set<String>> existing(String app, List<String> ids) {
        return db.preparedQuery("SELECT id FROM chat.account WHERE app = $1 AND id = ANY($2)")
            .execute(Tuple.of(app, ids.toArray(String[]::new)))
            .map(rows -> {
                Set<String> found = new HashSet<>();
                rows.forEach(row -> found.add(row.getString(0)));
                return found;
            });
    }

    /** A new client token for the account. @return null when there is no such account */
    public Uni<Minted> mintToken(String app, String accountId, Duration ttl) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        OffsetDateTime expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(ttl);
        return db.preparedQuery("INSERT INTO chat.client_token (app, account_id, secret_hash, expires_at)"
                + " SELECT app, id, $3, $4 FROM chat.account WHERE app = $1 AND id = $2 RETURNING account_id")
            .execute(Tuple.of(app, accountId, hash(secret), expiresAt))
            .map(rows -> rows.size() == 0 ? null : new Minted(accountId + '.' + secret, expiresAt));
    }

    /** Revokes every token of the account. @return how many */
    public Uni<Integer> revokeTokens(String app, String accountId) {
        return db.preparedQuery("UPDATE chat.client_token SET revoked_at = now() WHERE app = $1 AND account_id = $2 AND revoked_at IS NULL")
            .execute(Tuple.of(app, accountId)).map(rows -> rows.rowCount());
    }

    /**
     * The tokens that are valid now, among those presented: minted ones known, not expired, not revoked (and of an app
     * that takes minted ones); signed ones made with their app's key, not expired, for an account of the app.
     */
    public Uni<Set<Presented>> valid(List<Presented> presented) {
        if (presented.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> apps = presented.stream().map(Presented::app).distinct().toList();
        return signing(apps).flatMap(settings -> validMinted(presented.stream().filter(p -> !SignedTokens.isSigned(p.secret())).toList())
            .flatMap(minted -> validSigned(presented.stream().filter(p -> SignedTokens.isSigned(p.secret())).toList(), settings)
                .map(signed -> {
                    Set<Presented> valid = new HashSet<>(signed);
                    minted.stream().filter(p -> settings.get(p.app()) == null || !settings.get(p.app()).signedOnly()).forEach(valid::add);
                    return valid;
                })));
    }

    /** An app's client-token signing: its key, and whether it takes signed tokens only. */
    public record Signing(String key, boolean signedOnly) {
    }

    private Uni<java.util.Map<String, Signing>> signing(List<String> apps) {
        return db.preparedQuery("SELECT app, signing_key, signed_only FROM chat.chat_app WHERE app = ANY($1)")
            .execute(Tuple.of(apps.toArray(String[]::new)))
            .map(rows -> {
                java.util.Map<String, Signing> found = new java.util.HashMap<>();
                rows.forEach(row -> found.put(row.getString(0), new Signing(row.getString(1), row.getBoolean(2))));
                return found;
            });
    }

    private Uni<Set<Presented>> validSigned(List<Presented> presented, java.util.Map<String, Signing> settings) {
        long now = java.time.Instant.now().getEpochSecond();
        List<Presented> signedRight = presented.stream().filter(p -> settings.get(p.app()) != null
            && SignedTokens.valid(settings.get(p.app()).key(), p.app(), p.accountId(), p.secret(), now)).toList();
        if (signedRight.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return db.preparedQuery("SELECT a.app, a.id FROM chat.account a JOIN unnest($1::varchar[], $2::varchar[]) AS p(app, id)"
                + " ON a.app = p.app AND a.id = p.id")
            .execute(Tuple.of(signedRight.stream().map(Presented::app).toArray(String[]::new),
                signedRight.stream().map(Presented::accountId).toArray(String[]::new)))
            .map(rows -> {
                Set<String> accounts = new HashSet<>();
                rows.forEach(row -> accounts.add(row.getString(0) + '/' + row.getString(1)));
                Set<Presented> valid = new HashSet<>();
                signedRight.stream().filter(p -> accounts.contains(p.app() + '/' + p.accountId())).forEach(valid::add);
                return valid;
            });
    }

    private Uni<Set<Presented>> validMinted(List<Presented> presented) {
        if (presented.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> apps = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (Presented p : presented) {
            apps.add(p.app());
            accounts.add(p.accountId());
            hashes.add(hash(p.secret()));
        }
        return db.preparedQuery("SELECT t.app, t.account_id, t.secret_hash FROM chat.client_token t"
                + " JOIN unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS p(app, account_id, secret_hash)"
                + " ON t.app = p.app AND t.account_id = p.account_id AND t.secret_hash = p.secret_hash"
                + " WHERE t.revoked_at IS NULL AND t.expires_at > now()")
            .execute(Tuple.of(apps.toArray(String[]::new), accounts.toArray(String[]::new), hashes.toArray(String[]::new)))
            .map(rows -> {
                Set<String> found = new HashSet<>();
                rows.forEach(row -> found.add(row.getString(0) + '/' + row.getString(1) + '/' + row.getString(2)));
                Set<Presented> valid = new HashSet<>();
                presented.stream().filter(p -> found.contains(p.app() + '/' + p.accountId() + '/' + hash(p.secret()))).forEach(valid::add);
                return valid;
            });
    }

    /**
     * Sets whether the app takes signed tokens only; makes its signing key when it has none, or a new one when asked.
     *
     * @return the key when it was made now (shown this once), else null
     */
    public Uni<String> setSigning(String app, boolean signedOnly, boolean newKey) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        return db.preparedQuery("INSERT INTO chat.chat_app (app, signing_key, signed_only) VALUES ($1, $2, $3)"
                + " ON CONFLICT (app) DO UPDATE SET signed_only = $3,"
                + " signing_key = CASE WHEN $4 THEN EXCLUDED.signing_key ELSE chat.chat_app.signing_key END"
                + " RETURNING (xmax = 0 OR $4) AS made")
            .execute(Tuple.of(app, key, signedOnly, newKey))
            .map(rows -> rows.iterator().next().getBoolean(0) ? key : null);
    }

    /** Makes the two accounts contacts of each other. @return false when either does not exist */
    public Uni<Boolean> addContact(String app, String accountId, String contactId) {
        return db.preparedQuery("INSERT INTO chat.contact (app, account_id, contact_id)"
                + " SELECT a.app, a.id, b.id FROM chat.account a JOIN chat.account b ON b.app = a.app"
                + " WHERE a.app = $1 AND ((a.id = $2 AND b.id = $3) OR (a.id = $3 AND b.id = $2)) AND a.id <> b.id"
                + " ON CONFLICT DO NOTHING")
            .execute(Tuple.of(app, accountId, contactId))
            .flatMap(inserted -> db.preparedQuery("SELECT count(*) FROM chat.contact WHERE app = $1"
                    + " AND ((account_id = $2 AND contact_id = $3) OR (account_id = $3 AND contact_id = $2))")
                .execute(Tuple.of(app, accountId, contactId)).map(rows -> rows.iterator().next().getLong(0) == 2));
    }

    /** @return whether the two are contacts */
    public Uni<Boolean> areContacts(String app, String accountId, String contactId) {
        return db.preparedQuery("SELECT 1 FROM chat.contact WHERE app = $1 AND account_id = $2 AND contact_id = $3")
            .execute(Tuple.of(app, accountId, contactId)).map(rows -> rows.size() > 0);
    }

    /** What a 1:1 message needs to know: its sender and receiver (null when no such account) and whether they are contacts. */
    public record DirectCheck(Account sender, Account receiver, boolean contacts) {
    }

    /** The {@link DirectCheck} of each (app, sender, receiver), in the order given, in one statement. */
    public Uni<List<DirectCheck>> directChecks(List<String> apps, List<String> senders, List<String> receivers) {
        return db.preparedQuery("SELECT q.app, s.id, s.name, s.avatar, r.id, r.name, r.avatar, c.account_id IS NOT NULL"
                + " FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) WITH ORDINALITY AS q(app, sender, receiver, i)"
                + " LEFT JOIN chat.account s ON s.app = q.app AND s.id = q.sender"
                + " LEFT JOIN chat.account r ON r.app = q.app AND r.id = q.receiver"
                + " LEFT JOIN chat.contact c ON c.app = q.app AND c.account_id = q.sender AND c.contact_id = q.receiver ORDER BY q.i")
            .execute(Tuple.of(apps.toArray(String[]::new), senders.toArray(String[]::new), receivers.toArray(String[]::new)))
            .map(rows -> {
                List<DirectCheck> checks = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    String app = row.getString(0);
                    Account sender = row.getString(1) == null ? null : new Account(app, row.getString(1), row.getString(2), row.getString(3));
                    Account receiver = row.getString(4) == null ? null : new Account(app, row.getString(4), row.getString(5), row.getString(6));
                    checks.add(new DirectCheck(sender, receiver, row.getBoolean(7)));
                }
                return checks;
            });
    }

    private static Account account(Row row) {
        return new Account(row.getString(0), row.getString(1), row.getString(2), row.getString(3));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
