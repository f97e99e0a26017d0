package org.pushplatform.routing.pubsub;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<PubsubSession, String> {

    public Uni<PubsubSession> findByCustomid(String appkey, String customid) {
        return find("appkey = ?1 and customid = ?2", appkey, customid).firstResult();
    }

    public Uni<List<String>> sessionIdsWithAlias(String appkey, String alias) {
        return find("appkey = ?1 and alias = ?2", appkey, alias).project(SessionIdOnly.class).list()
            .map(rows -> rows.stream().map(SessionIdOnly::sessionId).toList());
    }

    /** Projection of a session to its id. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record SessionIdOnly(String sessionId) {
    }
}
