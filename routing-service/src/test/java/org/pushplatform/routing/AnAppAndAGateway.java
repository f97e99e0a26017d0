package org.pushplatform.routing;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What most tests start from: a new app made over the admin API, and a gateway node its clients connect through. */
abstract class AnAppAndAGateway {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    FakeGatewayNode gateway;
    String appkey;
    String secret;

    @BeforeEach
    void givenAnAppAndAGateway() {
        gateway = new FakeGatewayNode(bootstrap);
        var created = given().header("Authorization", AppResourceTest.ADMIN).contentType(ContentType.JSON)
            .body("{\"name\":\"" + getClass().getSimpleName() + "-" + UUID.randomUUID() + "\"}").post("/admin/apps")
            .then().statusCode(201).extract();
        appkey = created.path("appkey");
        secret = created.path("secret");
    }

    @AfterEach
    void closeTheGateway() {
        gateway.close();
    }
}
