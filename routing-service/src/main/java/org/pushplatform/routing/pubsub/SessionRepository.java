package org.pushplatform.routing.pubsub;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<PubsubSession, String> {

    public Uni<PubsubSession> findByCustomid(String appkey, String customid) {
        return find("appkey = ?1 and customid = ?2", appkey, customid).firstResult();
    }
}
