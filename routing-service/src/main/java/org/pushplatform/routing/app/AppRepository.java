package org.pushplatform.routing.app;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AppRepository implements PanacheRepository<App> {

    public Uni<App> findByAppkey(String appkey) {
        return find("appkey", appkey).firstResult();
    }

    public Uni<List<App>> listByCreation() {
        return list("order by id");
    }
}
