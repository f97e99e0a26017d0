package org.pushplatform.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** The admin API's OpenAPI document and Swagger UI are served, to the admin token only. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class AdminDocsTest {

    @Test
    void withoutTheTokenABrowserIsAskedForIt() {
        given().when().get("/q/openapi").then().statusCode(401).header("WWW-Authenticate", containsString("Basic"));
        given().when().get("/q/swagger-ui/").then().statusCode(401);
        given().auth().preemptive().basic("admin", "wrong").when().get("/q/swagger-ui/").then().statusCode(401);
    }

    @Test
    void theTokenOpensTheDocumentOfTheAdminApiAndTheUi() {
        given().header("Authorization", AppResourceTest.ADMIN).when().get("/q/openapi")
            .then().statusCode(200).body(containsString("/admin/apps"));
        given().auth().preemptive().basic("admin", "test-admin-token").when().get("/q/swagger-ui/")
            .then().statusCode(200).body(containsString("swagger"));
    }
}
