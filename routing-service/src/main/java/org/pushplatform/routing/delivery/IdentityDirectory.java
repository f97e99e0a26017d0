package org.pushplatform.routing.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.TopicFilters;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.routing.ownership.IdentityPartitions;

/**
 * The identities addresses mean, read from PostgreSQL so that any instance can deliver to any address: an identity
 * itself, every identity with an alias, or a topic's subscribers. Many addresses are resolved together, one
 * statement per kind of address.
 */
@ApplicationScoped
public class IdentityDirectory {

    private final Pool db;
    private final IdentityPartitions partitions;

    public IdentityDirectory(Pool db, IdentityPartitions partitions) {
        this.db = db;
        this.partitions = partitions;
    }

    /**
     * The identities of each address, in the addresses' order: of an alias or a topic, those that speak its API (an
     * alias or a topic is shared by every API's identities; each API's deliveries are for its own).
     */
    public Uni<List<List<Target>>> resolveAll(List<Address> addresses, List<String> apis) {
        return resolveKinded(addresses).map(found -> {
            List<List<Target>> targets = new ArrayList<>(addresses.size());
            for (int i = 0; i < addresses.size(); i++) {
                // an identity named with its kind is that identity, whatever the API
                String kind = addresses.get(i) instanceof Address.Identity named && !IdentityKinds.ALIAS.equals(named.kind()) ? null
                    : IdentityKinds.ofApi(apis.get(i));
                targets.add(found.get(i).stream().filter(t -> kind == null || kind.equals(t.kind())).map(KindedTarget::target).toList());
            }
            return targets;
        });
    }

    /** A target with the kind of its identity. */
    private record KindedTarget(Target target, String kind) {
    }

    /** The identities of each address (identities and topics only), of every kind, in the addresses' order. */
    private Uni<List<List<KindedTarget>>> resolveKinded(List<Address> addresses) {
        List<Address> aliases = new ArrayList<>();
        List<Address> identities = new ArrayList<>();
        List<Address> topics = new ArrayList<>();
        for (Address address : addresses) {
            if (address instanceof Address.Topic) {
                topics.add(address);
            } else if (address instanceof Address.Identity identity) {
                (IdentityKinds.ALIAS.equals(identity.kind()) ? aliases : identities).add(address);
            } else {
                throw new IllegalArgumentException("only identities and topics resolve to identities, not " + address);
            }
        }
        return Uni.combine().all().unis(byAlias(aliases), byIdentity(identities), byTopic(topics), byFilter(topics)).asTuple().map(found -> {
            Map<Address, List<KindedTarget>> all = new HashMap<>(found.getItem1());
            all.putAll(found.getItem2());
            all.putAll(found.getItem3());
            found.getItem4().forEach((address, targets) -> all.merge(address, targets, (a, b) -> {
                List<KindedTarget> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            }));
            return addresses.stream().map(a -> all.getOrDefault(a, List.of())).toList();
        });
    }

    /** Every identity with the alias, of every API. */
    public Uni<List<Target>> withAlias(String app, String alias) {
        return resolveKinded(List.of(new Address.Identity(app, IdentityKinds.ALIAS, alias)))
            .map(found -> found.get(0).stream().map(KindedTarget::target).toList());
    }

    private Uni<Map<Address, List<KindedTarget>>> byAlias(List<Address> addresses) {
        return query(addresses, "SELECT i.app, i.alias, i.kind, i.ref, i.id FROM routing.identity i"
                + " JOIN unnest($1::varchar[], $2::varchar[]) AS q(app, alias) ON i.app = q.app AND i.alias = q.alias",
            a -> new String[] {a.app(), ((Address.Identity) a).id()},
            row -> new Address.Identity(row.getString(0), IdentityKinds.ALIAS, row.getString(1)));
    }

    private Uni<Map<Address, List<KindedTarget>>> byIdentity(List<Address> addresses) {
        return query(addresses, "SELECT i.app, i.kind, i.id, i.kind, i.ref, i.id FROM routing.identity i"
                + " JOIN unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS q(app, kind, id)"
                + " ON i.app = q.app AND i.kind = q.kind AND i.id = q.id",
            a -> new String[] {a.app(), ((Address.Identity) a).kind(), ((Address.Identity) a).id()},
            row -> new Address.Identity(row.getString(0), row.getString(1), row.getString(2)));
    }

    private Uni<Map<Address, List<KindedTarget>>> byTopic(List<Address> addresses) {
        return query(addresses, "SELECT sub.app, sub.topic, i.kind, i.ref, i.id FROM routing.topic_subscription sub"
                + " JOIN routing.identity i ON i.ref = sub.identity_ref"
                + " JOIN unnest($1::varchar[], $2::varchar[]) AS q(app, topic) ON sub.app = q.app AND sub.topic = q.topic",
            a -> new String[] {a.app(), ((Address.Topic) a).topic()},
            row -> new Address.Topic(row.getString(0), row.getString(1)));
    }

    /**
     * The identities with a topic filter (MQTT's subscriptions, exact or with wildcards) matching each topic, each
     * once: the filters read are those whose literal prefix is one of the topic's prefixes, matched here.
     */
    private Uni<Map<Address, List<KindedTarget>>> byFilter(List<Address> topics) {
        if (topics.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Address.Topic> distinct = topics.stream().map(Address.Topic.class::cast).distinct().toList();
        List<String> apps = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        Map<String, List<Address.Topic>> topicsByPrefix = new HashMap<>();
        for (Address.Topic topic : distinct) {
            for (String prefix : TopicFilters.prefixesOf(topic.topic())) {
                apps.add(topic.app());
                prefixes.add(prefix);
                topicsByPrefix.computeIfAbsent(topic.app() + '\0' + prefix, k -> new ArrayList<>()).add(topic);
            }
        }
        return db.preparedQuery("SELECT DISTINCT f.app, f.filter, i.kind, i.ref, i.id, f.share_group,"
                + " EXISTS (SELECT 1 FROM routing.live_connection c WHERE c.identity_ref = i.ref) FROM routing.topic_filter f"
                + " JOIN routing.identity i ON i.ref = f.identity_ref"
                + " JOIN unnest($1::varchar[], $2::varchar[]) AS q(app, prefix) ON f.app = q.app AND f.prefix = q.prefix")
            .execute(Tuple.of(apps.toArray(String[]::new), prefixes.toArray(String[]::new))).map(rows -> {
                Map<Address, List<KindedTarget>> found = new HashMap<>();
                Map<Address, java.util.Set<String>> seen = new HashMap<>();
                // a shared subscription's candidates per topic and filter: one of them gets the message
                Map<Address, Map<String, List<SharedCandidate>>> shared = new HashMap<>();
                for (Row row : rows) {
                    String app = row.getString(0);
                    String filter = row.getString(1);
                    var target = new KindedTarget(new Target(row.getString(3), partitions.partitionOf(app, row.getString(4))), row.getString(2));
                    for (Address.Topic topic : topicsByPrefix.getOrDefault(app + '\0' + TopicFilters.prefixOf(filter), List.of())) {
                        if (!TopicFilters.matches(filter, topic.topic())) {
                            continue;
                        }
                        if (row.getString(5) != null) {
                            shared.computeIfAbsent(topic, t -> new HashMap<>()).computeIfAbsent(filter, f -> new ArrayList<>())
                                .add(new SharedCandidate(target, row.getBoolean(6)));
                        } else if (seen.computeIfAbsent(topic, t -> new java.util.HashSet<>()).add(row.getString(3))) {
                            found.computeIfAbsent(topic, t -> new ArrayList<>()).add(target);
                        }
                    }
                }
                shared.forEach((topic, groups) -> groups.values().forEach(candidates -> {
                    KindedTarget chosen = SharedCandidate.choose(candidates);
                    if (seen.computeIfAbsent(topic, t -> new java.util.HashSet<>()).add(chosen.target().identityRef())) {
                        found.computeIfAbsent(topic, t -> new ArrayList<>()).add(chosen);
                    }
                }));
                return found;
            });
    }

    /** A session of a shared subscription's group, and whether it has a connection. */
    private record SharedCandidate(KindedTarget target, boolean online) {

        /** One at random among those connected; among all when none is (it keeps the message for its return). */
        static KindedTarget choose(List<SharedCandidate> candidates) {
            List<SharedCandidate> online = candidates.stream().filter(SharedCandidate::online).toList();
            List<SharedCandidate> from = online.isEmpty() ? candidates : online;
            return from.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(from.size())).target();
        }
    }

    /**
     * One statement for all the addresses: {@code columnsOf} gives each address's values for the unnest arrays; each
     * row names its address ({@code addressOf}) and ends with the identity's kind, ref and id.
     */
    private Uni<Map<Address, List<KindedTarget>>> query(List<Address> addresses, String sql,
                                                   java.util.function.Function<Address, String[]> columnsOf,
                                                   java.util.function.Function<Row, Address> addressOf) {
        if (addresses.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // an address asked for twice would bring its identities twice
        addresses = List.copyOf(new java.util.LinkedHashSet<>(addresses));
        int width = columnsOf.apply(addresses.get(0)).length;
        String[][] columns = new String[width][addresses.size()];
        for (int i = 0; i < addresses.size(); i++) {
            String[] values = columnsOf.apply(addresses.get(i));
            for (int c = 0; c < width; c++) {
                columns[c][i] = values[c];
            }
        }
        return db.preparedQuery(sql).execute(Tuple.from(List.of((Object[]) columns))).map(rows -> {
            Map<Address, List<KindedTarget>> found = new HashMap<>();
            for (Row row : rows) {
                Address address = addressOf.apply(row);
                int last = row.size() - 1;
                found.computeIfAbsent(address, a -> new ArrayList<>()).add(new KindedTarget(
                    new Target(row.getString(last - 1), partitions.partitionOf(address.app(), row.getString(last))), row.getString(last - 2)));
            }
            return found;
        });
    }

    /** Rows of (ref, id) of one app, as targets with their partitions. */
    List<Target> fromRows(String app, RowSet<Row> rows) {
        List<Target> targets = new ArrayList<>(rows.size());
        for (Row row : rows) {
            targets.add(new Target(row.getString(0), partitions.partitionOf(app, row.getString(1))));
        }
        return targets;
    }
}
