package org.pushplatform.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class AppResourceTest {

    static final String ADMIN = "Bearer test-admin-token";

    @Test
    void adminApiRefusesCallsWithoutTheAdminToken() {
        given().when().get("/admin/apps").then().statusCode(401).body("success", equalTo(false));
        given().header("Authorization", "Bearer wrong").when().get("/admin/apps").then().statusCode(401);
    }

    @Test
    void demoAppExistsAfterStart() {
        given().header("Authorization", ADMIN).when().get("/admin/apps")
            .then().statusCode(200).body("appkey", hasItem("52fcc04c4dc903d66d6f8f92"));
    }

    @Test
    void createdAppGetsAnAppkeyAndSecretAndIsListed() {
        // when
        String appkey = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
            .body("{\"name\":\"shop\"}")
            .when().post("/admin/apps")
            .then().statusCode(201)
            .body("appkey", matchesPattern("[0-9a-f]{24}"))
            .body("secret", matchesPattern("[0-9a-f]{32}"))
            .extract().path("appkey");

        // then
        given().header("Authorization", ADMIN).when().get("/admin/apps")
            .then().statusCode(200).body("appkey", hasItem(appkey));
    }

    @Test
    void aSecretIsShownWhenMadeNeverInTheListAndARotatedOneReplacesTheOld() {
        // given an app, whose secret is shown once
        var created = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\":\"rotating\"}")
            .when().post("/admin/apps").then().statusCode(201).extract();
        String appkey = created.path("appkey");
        String oldSecret = created.path("secret");

        // then the list names it without its secret
        given().header("Authorization", ADMIN).when().get("/admin/apps")
            .then().statusCode(200).body("find { it.appkey == '" + appkey + "' }.secret", nullValue())
            .body("find { it.appkey == '" + appkey + "' }.name", equalTo("rotating"));

        // when the secret is rotated
        String newSecret = given().header("Authorization", ADMIN).when().post("/admin/apps/" + appkey + "/secret")
            .then().statusCode(200).body("secret", matchesPattern("[0-9a-f]{32}")).extract().path("secret");

        // then the new one works and the old one is refused
        given().header("X-App-Secret", newSecret).get("/api/v1/apps/" + appkey + "/aliases/nobody/state").then().statusCode(200);
        given().header("X-App-Secret", oldSecret).get("/api/v1/apps/" + appkey + "/aliases/nobody/state").then().statusCode(401);
        given().header("Authorization", ADMIN).when().post("/admin/apps/nosuchapp1/secret").then().statusCode(404);
    }

    @Test
    void invalidAppRequestsGetAClearError() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{}")
            .when().post("/admin/apps").then().statusCode(400).body("error_msg", equalTo("name is required (at most 200 characters)"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\":\"x\",\"appkey\":\"52fcc04c4dc903d66d6f8f92\"}")
            .when().post("/admin/apps").then().statusCode(409);
    }
}
