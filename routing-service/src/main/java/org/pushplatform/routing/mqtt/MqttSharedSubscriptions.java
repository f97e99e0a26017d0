package org.pushplatform.routing.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.RouteToIdentities;
import org.pushplatform.contract.TopicFilters;
import org.pushplatform.routing.delivery.IdentityRouter;
import org.pushplatform.routing.delivery.Target;
import org.pushplatform.routing.ownership.IdentityPartitions;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.PresenceListener;

/**
 * A shared subscription's messages outlive a member that goes away: when a session of a group loses its last
 * connection, the messages still pending for it that its shared filters matched move to another member of the group
 * that is connected (one at random per message) and are sent to it. A member that comes back later finds nothing
 * twice: each message is pending for one member at a time.
 */
@ApplicationScoped
public class MqttSharedSubscriptions implements PresenceListener {

    private static final Logger LOG = Logger.getLogger(MqttSharedSubscriptions.class);

    private final Pool db;
    private final IdentityRouter router;
    private final IdentityPartitions partitions;
    private final MeterRegistry metrics;

    public MqttSharedSubscriptions(Pool db, IdentityRouter router, IdentityPartitions partitions, MeterRegistry metrics) {
        this.db = db;
        this.router = router;
        this.partitions = partitions;
        this.metrics = metrics;
    }

    @Override
    public void online(ClientConnection connection, boolean identityCameOnline) {
        // nothing moves to a member that comes back: new messages choose it again
    }

    @Override
    public void offline(ClientConnection connection, boolean identityWentOffline) {
        if (!identityWentOffline || !MqttApi.API.equals(connection.api())) {
            return;
        }
        handOver(connection.app(), connection.identityRef()).subscribe().with(
            moved -> {
                if (moved > 0) {
                    metrics.counter("push_mqtt_shared_handed_over_total").increment(moved);
                    LOG.infof("[%s] %d messages of its shared subscriptions handed to other members", connection.connectionId(), moved);
                }
            },
            failure -> LOG.warnf("[%s] shared subscription messages not handed over: %s", connection.connectionId(), failure.toString()));
    }

    /** One message moved: the member it is pending for now, and what is sent to it once the move is committed. */
    private record Moved(Target member, RouteToIdentities route) {
    }

    /**
     * In one transaction that holds the leaving member's identity row, so that the identity sweeper's delete (a clean
     * session ends at once) waits for it instead of taking the messages not moved yet with the identity: found
     * dropping 5 of 12 in a run. The moved messages are sent after the commit. @return how many moved
     */
    Uni<Integer> handOver(String app, String identityRef) {
        return db.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM routing.identity WHERE ref = $1 FOR UPDATE")
                .execute(Tuple.of(identityRef))
                .flatMap(locked -> tx.preparedQuery("SELECT filter FROM routing.topic_filter WHERE identity_ref = $1 AND share_group IS NOT NULL")
                    .execute(Tuple.of(identityRef)))
                .flatMap(rows -> {
                    List<String> filters = new ArrayList<>();
                    rows.forEach(row -> filters.add(row.getString(0)));
                    if (filters.isEmpty()) {
                        return Uni.createFrom().item(List.<Moved>of());
                    }
                    return tx.preparedQuery("SELECT m.id, m.event, m.args, m.qos, m.ack_mode FROM routing.pending_delivery d"
                            + " JOIN routing.stored_delivery m ON m.id = d.message_ref"
                            + " WHERE d.identity_ref = $1 AND m.api = $2 AND m.expires_at > now() ORDER BY m.id")
                        .execute(Tuple.of(identityRef, MqttApi.API))
                        .onItem().transformToMulti(pending -> Multi.createFrom().iterable(pending))
                        .onItem().transformToUniAndConcatenate(row -> moveOne(tx, app, identityRef, filters, row))
                        .filter(Optional::isPresent).map(Optional::get)
                        .collect().asList();
                }))
            .invoke(moved -> moved.forEach(m -> router.route(List.of(m.member()), m.route())))
            .map(List::size);
    }

    /** @return the move, or none when the message stays (no filter of the group matches, or no other member is connected) */
    private Uni<Optional<Moved>> moveOne(SqlConnection tx, String app, String from, List<String> filters, Row delivery) {
        String topic = topicOf(delivery.getString(2));
        String filter = topic == null ? null : filters.stream().filter(f -> TopicFilters.matches(f, topic)).findFirst().orElse(null);
        if (filter == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        long id = delivery.getLong(0);
        return tx.preparedQuery("WITH member AS (SELECT i.ref, i.id FROM routing.topic_filter f JOIN routing.identity i ON i.ref = f.identity_ref"
                + " WHERE f.app = $1 AND f.filter = $2 AND f.identity_ref <> $3"
                + " AND EXISTS (SELECT 1 FROM routing.live_connection c WHERE c.identity_ref = f.identity_ref)"
                + " AND NOT EXISTS (SELECT 1 FROM routing.pending_delivery p WHERE p.identity_ref = f.identity_ref AND p.message_ref = $4)"
                + " ORDER BY random() LIMIT 1)"
                + " UPDATE routing.pending_delivery d SET identity_ref = member.ref, resent_at = NULL FROM member"
                + " WHERE d.identity_ref = $3 AND d.message_ref = $4 RETURNING member.ref, member.id")
            .execute(Tuple.of(app, filter, from, id)).map(moved -> {
                if (moved.size() == 0) {
                    return Optional.<Moved>empty(); // no other member is connected: it stays for this one
                }
                Row member = moved.iterator().next();
                return Optional.of(new Moved(new Target(member.getString(0), partitions.partitionOf(app, member.getString(1))),
                    new RouteToIdentities(List.of(), MqttApi.API, delivery.getString(1), args(delivery.getString(2)), String.valueOf(id),
                        delivery.getInteger(3), delivery.getString(4), null, null)));
            });
    }

    private static String topicOf(String args) {
        List<JsonNode> parsed = args(args);
        return parsed.isEmpty() ? null : parsed.get(0).path("topic").asText(null);
    }

    private static List<JsonNode> args(String args) {
        try {
            List<JsonNode> parsed = new ArrayList<>();
            EnvelopeCodec.mapper().readTree(args).forEach(parsed::add);
            return parsed;
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
